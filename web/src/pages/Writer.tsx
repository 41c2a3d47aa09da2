import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router-dom";
import { api, ok } from "../api/client";
import { useSession } from "../session";
import { useSite } from "../site";
import { AiTaskProgress, AuthImage, ErrorBox, NeedSite, fieldError, useAction, useAnnounce, useLoad } from "../ui";

export function Tasks() {
  const { canWrite } = useSession();
  const { site } = useSite();
  const [selected, setSelected] = useState<number[]>([]);
  const [task, setTask] = useState<number | null>(null);
  const action = useAction();
  const list = useLoad(async () => (site ? ok(api.GET("/api/v1/writer/tasks/", { params: { query: { site_id: site.id, page_size: 200 } } })) : null), [site?.id]);
  if (!site) return <><h1>Writer tasks</h1><NeedSite /></>;
  const rows = list.data?.results ?? [];
  // At most 10 tasks per request: the box selects the first 10 not written yet.
  const batch = rows.filter((r) => r.status !== "completed").map((r) => r.id).slice(0, 10);
  const generate = async () => {
    const r = await action.run(() => ok(api.POST("/api/v1/writer/tasks/auto_generate_content/", { body: { ids: selected } })));
    if (r) setTask(r.data.task_id);
  };
  return (
    <>
      <h1>Writer tasks</h1>
      <p role="status" data-testid="task-count">{list.data ? `${list.data.count} tasks` : "Loading…"}</p>
      <ErrorBox error={list.error} />
      {canWrite && (
        <div className="row">
          <button disabled={selected.length === 0 || selected.length > 10 || action.busy || task !== null} onClick={generate}>
            Generate content ({selected.length})
          </button>
          {selected.length > 10 && <span className="field-error">Choose at most 10 tasks at a time.</span>}
        </div>
      )}
      <ErrorBox error={action.error} />
      {task !== null && <AiTaskProgress taskId={task} label="Writing articles" onDone={() => { setTask(null); setSelected([]); void list.reload(); }} />}
      <div className="table-wrap">
        <table>
          <caption className="sr-only">Writer tasks of {site.name}</caption>
          <thead>
            <tr>
              {canWrite && <th scope="col"><input type="checkbox" aria-label="Select the first 10 tasks to write" checked={batch.length > 0 && batch.every((id) => selected.includes(id))} onChange={(e) => setSelected(e.target.checked ? batch : [])} /></th>}
              <th scope="col">Title</th><th scope="col">Primary keyword</th><th scope="col">Words</th><th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => (
              <tr key={t.id}>
                {canWrite && <td><input type="checkbox" aria-label={`Select ${t.title}`} checked={selected.includes(t.id)} onChange={(e) => setSelected(e.target.checked ? [...selected, t.id] : selected.filter((x) => x !== t.id))} /></td>}
                <td>{t.title}</td><td>{t.primary_keyword || "—"}</td><td>{t.word_count}</td><td>{t.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function ContentList() {
  const { site } = useSite();
  const [status, setStatus] = useState<"" | "draft" | "review" | "approved" | "published">("");
  const list = useLoad(
    async () => (site ? ok(api.GET("/api/v1/writer/content/", { params: { query: { site_id: site.id, page_size: 200, ...(status ? { status } : {}) } } })) : null),
    [site?.id, status],
  );
  if (!site) return <><h1>Content</h1><NeedSite /></>;
  return (
    <>
      <h1>Content</h1>
      <div className="row">
        <label>Status
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="">All</option>
            {["draft", "review", "approved", "published"].map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
      </div>
      <p role="status" data-testid="content-count">{list.data ? `${list.data.count} articles` : "Loading…"}</p>
      <ErrorBox error={list.error} />
      <div className="table-wrap">
        <table>
          <caption className="sr-only">Articles of {site.name}</caption>
          <thead><tr><th scope="col">Title</th><th scope="col">Words</th><th scope="col">Status</th><th scope="col">On the site</th></tr></thead>
          <tbody>
            {(list.data?.results ?? []).map((c) => (
              <tr key={c.id}>
                <td><Link to={`/content/${c.id}`}>{c.title}</Link></td>
                <td>{c.word_count}</td><td>{c.status}</td><td>{c.site_status.replaceAll("_", " ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function ContentDetail() {
  const { id: raw } = useParams();
  const id = Number(raw);
  const { canWrite } = useSession();
  const announce = useAnnounce();
  const item = useLoad(() => ok(api.GET("/api/v1/writer/content/{id}/", { params: { path: { id } } })), [id]);
  const images = useLoad(() => ok(api.GET("/api/v1/writer/images/", { params: { query: { content_id: id, page_size: 50 } } })), [id]);
  const [editing, setEditing] = useState(false);
  const [task, setTask] = useState<{ id: number; label: string } | null>(null);
  const save = useAction();
  const act = useAction();
  if (!Number.isFinite(id) || (item.error && !item.data)) {
    return <><h1>Article</h1><ErrorBox error={item.error ?? new Error("Not found.")} /></>;
  }
  const c = item.data?.data;
  if (!c) return <p role="status">Loading…</p>;
  const imgs = images.data?.results ?? [];
  const pending = imgs.filter((i) => i.status === "pending" || i.status === "failed").map((i) => i.id);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const r = await save.run(() =>
      ok(api.PATCH("/api/v1/writer/content/{id}/", {
        params: { path: { id } },
        body: {
          title: String(f.get("title")),
          meta_title: String(f.get("meta_title")),
          meta_description: String(f.get("meta_description")),
          content_html: String(f.get("content_html")),
        },
      })),
    );
    if (r) {
      item.setData(r);
      setEditing(false);
      announce("Article saved");
    }
  };
  const step = async (label: string, fn: () => Promise<unknown>) => {
    const r = await act.run(fn);
    if (r !== undefined) {
      announce(label);
      await item.reload();
    }
  };
  const ai = async (label: string, fn: () => Promise<{ data: { task_id: number } }>) => {
    const r = await act.run(fn);
    if (r) setTask({ id: r.data.task_id, label });
  };
  return (
    <>
      <p><Link to="/content">← All content</Link></p>
      <h1>{c.title}</h1>
      <p>
        Status: <strong data-testid="content-status">{c.status}</strong> · On the site: {c.site_status.replaceAll("_", " ")} · {c.word_count} words
        {c.external_url && <> · <a href={c.external_url} rel="noreferrer noopener" target="_blank">View on the site</a></>}
      </p>
      {canWrite && (
        <div className="row">
          {c.status === "draft" && <button onClick={() => step("Sent for review", () => ok(api.POST("/api/v1/writer/content/{id}/submit_for_review/", { params: { path: { id } } })))}>Submit for review</button>}
          {c.status === "review" && <button onClick={() => step("Article approved", () => ok(api.POST("/api/v1/writer/content/{id}/approve/", { params: { path: { id } } })))}>Approve</button>}
          {c.status === "approved" && <button onClick={() => step("Publishing started", () => ok(api.POST("/api/v1/writer/content/{id}/publish/", { params: { path: { id } } })))}>Publish</button>}
          {c.site_status === "published" && <button className="secondary" onClick={() => step("Unpublished", () => ok(api.POST("/api/v1/writer/content/{id}/unpublish/", { params: { path: { id } } })))}>Unpublish</button>}
          <button className="secondary" onClick={() => setEditing(!editing)}>{editing ? "Close the editor" : "Edit"}</button>
        </div>
      )}
      <ErrorBox error={act.error} />
      {editing && canWrite ? (
        <form className="stack" onSubmit={submit}>
          <label htmlFor="c-title">Title<input id="c-title" name="title" defaultValue={c.title} required />{fieldError(save.error, "title") && <span className="field-error">{fieldError(save.error, "title")}</span>}</label>
          <label htmlFor="c-mt">Meta title<input id="c-mt" name="meta_title" defaultValue={c.meta_title} /></label>
          <label htmlFor="c-md">Meta description<input id="c-md" name="meta_description" defaultValue={c.meta_description} /></label>
          <label htmlFor="c-html">Body (HTML; cleaned when saved)<textarea id="c-html" name="content_html" defaultValue={c.content_html} /></label>
          <ErrorBox error={save.error} />
          <button type="submit" disabled={save.busy}>Save</button>
        </form>
      ) : (
        <section aria-labelledby="preview-h">
          <h2 id="preview-h">Preview</h2>
          {/* Sandboxed: no scripts, no same-origin access, no forms; the API sanitized the HTML too. */}
          <iframe className="preview" title={`Preview of ${c.title}`} sandbox="" srcDoc={`<!doctype html><meta charset="utf-8"><body>${c.content_html}</body>`} />
        </section>
      )}
      <section aria-labelledby="images-h">
        <h2 id="images-h">Images</h2>
        {imgs.length === 0 && <p className="muted">No images yet.</p>}
        <ul className="cards" aria-label="Images of the article">
          {imgs.map((i) => (
            <li key={i.id} className="card">
              {i.status === "generated" ? <AuthImage id={i.id} alt={i.prompt || `${i.image_type} image`} /> : <span className="muted">{i.status}</span>}
              <p>{i.image_type}{i.image_type === "in_article" ? ` #${i.position}` : ""}</p>
            </li>
          ))}
        </ul>
        {canWrite && (
          <div className="row">
            <button className="secondary" disabled={task !== null} onClick={() => ai("Writing image prompts", () => ok(api.POST("/api/v1/writer/content/generate_image_prompts/", { body: { ids: [id] } })))}>Generate image prompts</button>
            <button className="secondary" disabled={task !== null || pending.length === 0} onClick={() => ai("Generating images", () => ok(api.POST("/api/v1/writer/images/generate_images/", { body: { ids: pending } })))}>Generate images ({pending.length})</button>
          </div>
        )}
        {task && <AiTaskProgress taskId={task.id} label={task.label} onDone={() => { setTask(null); void images.reload(); }} />}
      </section>
    </>
  );
}
