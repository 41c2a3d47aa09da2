import { useState } from "react";
import { api, ok } from "../api/client";
import { useSession } from "../session";
import { useSite } from "../site";
import { AiTaskProgress, ErrorBox, NeedSite, useAction, useAnnounce, useLoad } from "../ui";

function toggle(list: number[], id: number, on: boolean) {
  return on ? [...list, id] : list.filter((x) => x !== id);
}

export function Clusters() {
  const { canWrite } = useSession();
  const { site } = useSite();
  const [selected, setSelected] = useState<number[]>([]);
  const [task, setTask] = useState<number | null>(null);
  const action = useAction();
  const list = useLoad(async () => (site ? ok(api.GET("/api/v1/planner/clusters/", { params: { query: { site_id: site.id, page_size: 200 } } })) : null), [site?.id]);
  if (!site) return <><h1>Clusters</h1><NeedSite /></>;
  const rows = list.data?.results ?? [];
  const generate = async () => {
    const r = await action.run(() => ok(api.POST("/api/v1/planner/clusters/generate_ideas/", { body: { cluster_ids: selected } })));
    if (r) setTask(r.data.task_id);
  };
  return (
    <>
      <h1>Clusters</h1>
      <p role="status" data-testid="cluster-count">{list.data ? `${list.data.count} clusters` : "Loading…"}</p>
      <ErrorBox error={list.error} />
      {canWrite && (
        <div className="row">
          <button disabled={selected.length === 0 || action.busy || task !== null} onClick={generate}>
            Generate ideas ({selected.length})
          </button>
        </div>
      )}
      <ErrorBox error={action.error} />
      {task !== null && <AiTaskProgress taskId={task} label="Generating ideas" onDone={() => { setTask(null); setSelected([]); void list.reload(); }} />}
      <div className="table-wrap">
        <table>
          <caption className="sr-only">Clusters of {site.name}</caption>
          <thead>
            <tr>
              {canWrite && <th scope="col"><input type="checkbox" aria-label="Select all clusters" checked={rows.length > 0 && rows.every((r) => selected.includes(r.id))} onChange={(e) => setSelected(e.target.checked ? rows.map((r) => r.id) : [])} /></th>}
              <th scope="col">Name</th><th scope="col">Keywords</th><th scope="col">Volume</th><th scope="col">Ideas</th><th scope="col">Content</th><th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id}>
                {canWrite && <td><input type="checkbox" aria-label={`Select ${c.name}`} checked={selected.includes(c.id)} onChange={(e) => setSelected(toggle(selected, c.id, e.target.checked))} /></td>}
                <td>{c.name}</td><td>{c.keywords_count}</td><td>{c.volume}</td><td>{c.ideas_count}</td><td>{c.content_count}</td><td>{c.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function Ideas() {
  const { canWrite } = useSession();
  const { site } = useSite();
  const [selected, setSelected] = useState<number[]>([]);
  const action = useAction();
  const announce = useAnnounce();
  const [done, setDone] = useState<string | null>(null);
  const list = useLoad(async () => (site ? ok(api.GET("/api/v1/planner/ideas/", { params: { query: { site_id: site.id, page_size: 200 } } })) : null), [site?.id]);
  if (!site) return <><h1>Ideas</h1><NeedSite /></>;
  const rows = list.data?.results ?? [];
  const createTasks = async () => {
    const r = await action.run(() => ok(api.POST("/api/v1/planner/ideas/create_tasks/", { body: { ids: selected } })));
    if (r) {
      const msg = `Writer tasks created for ${selected.length} ideas.`;
      setDone(msg);
      announce(msg);
      setSelected([]);
      void list.reload();
    }
  };
  return (
    <>
      <h1>Ideas</h1>
      <p role="status" data-testid="idea-count">{list.data ? `${list.data.count} ideas` : "Loading…"}</p>
      <ErrorBox error={list.error} />
      {canWrite && (
        <div className="row">
          <button disabled={selected.length === 0 || action.busy} onClick={createTasks}>Create tasks ({selected.length})</button>
        </div>
      )}
      <ErrorBox error={action.error} />
      {done && <p className="notice">{done}</p>}
      <div className="table-wrap">
        <table>
          <caption className="sr-only">Ideas of {site.name}</caption>
          <thead>
            <tr>
              {canWrite && <th scope="col"><input type="checkbox" aria-label="Select all ideas" checked={rows.length > 0 && rows.every((r) => selected.includes(r.id))} onChange={(e) => setSelected(e.target.checked ? rows.map((r) => r.id) : [])} /></th>}
              <th scope="col">Idea</th><th scope="col">Type</th><th scope="col">Words</th><th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((i) => (
              <tr key={i.id}>
                {canWrite && <td><input type="checkbox" aria-label={`Select ${i.idea_title}`} checked={selected.includes(i.id)} onChange={(e) => setSelected(toggle(selected, i.id, e.target.checked))} /></td>}
                <td>
                  <details>
                    <summary>{i.idea_title}</summary>
                    <p>{i.description}</p>
                    <ol>{(i.outline.sections ?? []).map((s, n) => <li key={n}><strong>{s.heading}</strong>{s.notes ? ` — ${s.notes}` : ""}</li>)}</ol>
                  </details>
                </td>
                <td>{i.content_structure}</td><td>{i.estimated_word_count}</td><td>{i.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
