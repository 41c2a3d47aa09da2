import { useState, type FormEvent } from "react";
import { api, authFetch, jsonOf, ok } from "../api/client";
import type { ImportReport } from "../api/types";
import { useSession } from "../session";
import { useSite } from "../site";
import { AiTaskProgress, ErrorBox, NeedSite, Pager, useAction, useAnnounce, useLoad } from "../ui";

type Ordering = "" | "keyword" | "-keyword" | "volume" | "-volume" | "difficulty" | "-difficulty" | "created_at" | "-created_at";
const PAGE_SIZE = 50;

function CsvImport({ onDone }: { onDone: () => void }) {
  const { site, sectors } = useSite();
  const [report, setReport] = useState<ImportReport | null>(null);
  const { error, busy, run } = useAction();
  const announce = useAnnounce();
  if (!site) return null;
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const file = f.get("file") as File | null;
    const sector = String(f.get("sector_id") ?? "");
    if (!file || file.size === 0) return;
    const r = await run(async () => {
      const res = await authFetch(`/api/v1/planner/keywords/import_csv/?site_id=${site.id}&sector_id=${sector}`, {
        method: "POST",
        headers: { "Content-Type": "text/csv" },
        body: file,
      });
      return (await jsonOf<{ data: ImportReport }>(res)).data;
    });
    if (r) {
      setReport(r);
      announce(`Import finished: ${r.created} keywords created`);
      onDone();
    }
  };
  return (
    <section aria-labelledby="import-h">
      <h2 id="import-h">Import keywords from CSV</h2>
      <form onSubmit={submit} className="row">
        <label>
          Sector
          <select name="sector_id" required>
            {sectors.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        <label>
          CSV file
          <input type="file" name="file" accept=".csv,text/csv" required />
        </label>
        <button type="submit" disabled={busy || sectors.length === 0}>Import</button>
      </form>
      {sectors.length === 0 && <p className="muted">Choose the site's sectors on the Sites page first.</p>}
      <ErrorBox error={error} />
      {report && (
        <div className="notice" role="status" data-testid="import-report">
          <p>
            {report.total_rows} rows read: {report.created} created, {report.duplicates} duplicates, {report.skipped} skipped.
          </p>
          {report.errors.length > 0 && (
            <ul>{report.errors.map((er, i) => <li key={i}>Row {er.row}: {er.reason}</li>)}</ul>
          )}
        </div>
      )}
    </section>
  );
}

function SeedLibrary({ onDone }: { onDone: () => void }) {
  const { site, sectors } = useSite();
  const [sectorId, setSectorId] = useState<number | null>(null);
  const [chosen, setChosen] = useState<number[]>([]);
  const [added, setAdded] = useState<string | null>(null);
  const act = useAction();
  const announce = useAnnounce();
  const sector = sectors.find((s) => s.id === sectorId) ?? sectors[0];
  const seeds = useLoad(
    async () =>
      sector
        ? ok(api.GET("/api/v1/keywords-library/", { params: { query: { sector_id: sector.industry_sector_id, ordering: "-volume", page_size: 25 } } }))
        : null,
    [sector?.industry_sector_id],
  );
  if (!site || !sector) return null;
  const add = async () => {
    const r = await act.run(() =>
      ok(api.POST("/api/v1/planner/keywords/bulk_add_from_seed/", { body: { site_id: site.id, sector_id: sector.id, seed_keyword_ids: chosen } })),
    );
    if (r) {
      const msg = `Added ${chosen.length} keywords from the library.`;
      setAdded(msg);
      announce(msg);
      setChosen([]);
      onDone();
    }
  };
  const rows = seeds.data?.results ?? [];
  return (
    <section aria-labelledby="seed-h">
      <h2 id="seed-h">Keyword library</h2>
      <div className="row">
        <label>
          Sector
          <select value={sector.id} onChange={(e) => { setSectorId(Number(e.target.value)); setChosen([]); }}>
            {sectors.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        <button disabled={chosen.length === 0 || act.busy} onClick={add}>Add selected to keywords ({chosen.length})</button>
      </div>
      <ErrorBox error={act.error ?? seeds.error} />
      {added && <p className="notice">{added}</p>}
      <div className="table-wrap">
        <table>
          <caption className="sr-only">Library keywords of {sector.name}</caption>
          <thead><tr><th scope="col">Add</th><th scope="col">Keyword</th><th scope="col">Volume</th><th scope="col">Difficulty</th></tr></thead>
          <tbody>
            {rows.map((k) => (
              <tr key={k.id}>
                <td><input type="checkbox" aria-label={`Add ${k.keyword}`} checked={chosen.includes(k.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, k.id] : chosen.filter((x) => x !== k.id))} /></td>
                <td>{k.keyword}</td><td>{k.volume}</td><td>{k.difficulty}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function Keywords() {
  const { canWrite } = useSession();
  const { site } = useSite();
  const [page, setPage] = useState(1);
  const [ordering, setOrdering] = useState<Ordering>("-volume");
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<"" | "new" | "mapped">("");
  const [intent, setIntent] = useState("");
  const [selected, setSelected] = useState<number[]>([]);
  const [task, setTask] = useState<number | null>(null);
  const action = useAction();
  const list = useLoad(async () => {
    if (!site) return null;
    return ok(
      api.GET("/api/v1/planner/keywords/", {
        params: {
          query: {
            site_id: site.id,
            page,
            page_size: PAGE_SIZE,
            ordering,
            ...(search ? { search } : {}),
            ...(status ? { status } : {}),
            ...(intent ? { intent: intent as "informational" } : {}),
          },
        },
      }),
    );
  }, [site?.id, page, ordering, search, status, intent]);
  if (!site) return <><h1>Keywords</h1><NeedSite /></>;
  const rows = list.data?.results ?? [];
  const sortBy = (f: "keyword" | "volume" | "difficulty") => {
    setOrdering(ordering === f ? (`-${f}` as Ordering) : (f as Ordering));
    setPage(1);
  };
  const sortState = (f: string) => (ordering === f ? "ascending" : ordering === `-${f}` ? "descending" : "none");
  const SortTh = ({ f, label }: { f: "keyword" | "volume" | "difficulty"; label: string }) => (
    <th scope="col" aria-sort={sortState(f)}>
      <button className="sort" onClick={() => sortBy(f)}>{label}</button>
    </th>
  );
  const cluster = async () => {
    const r = await action.run(() => ok(api.POST("/api/v1/planner/keywords/auto_cluster/", { body: { keyword_ids: selected } })));
    if (r) setTask(r.data.task_id);
  };
  return (
    <>
      <h1>Keywords</h1>
      <form className="row" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>Search<input type="search" value={search} onChange={(e) => { setSearch(e.target.value); setPage(1); }} /></label>
        <label>Status
          <select value={status} onChange={(e) => { setStatus(e.target.value as "" | "new" | "mapped"); setPage(1); }}>
            <option value="">All</option><option value="new">New</option><option value="mapped">Mapped</option>
          </select>
        </label>
        <label>Intent
          <select value={intent} onChange={(e) => { setIntent(e.target.value); setPage(1); }}>
            <option value="">All</option>
            {["informational", "navigational", "commercial", "transactional"].map((i) => <option key={i} value={i}>{i}</option>)}
          </select>
        </label>
      </form>
      <p role="status" data-testid="keyword-count">{list.data ? `${list.data.count} keywords` : "Loading…"}</p>
      <ErrorBox error={list.error} />
      {canWrite && (
        <div className="row">
          <button disabled={selected.length === 0 || action.busy || task !== null} onClick={cluster}>
            Cluster selected ({selected.length})
          </button>
        </div>
      )}
      <ErrorBox error={action.error} />
      {task !== null && (
        <AiTaskProgress taskId={task} label="Clustering keywords" onDone={() => { setTask(null); setSelected([]); void list.reload(); }} />
      )}
      <div className="table-wrap">
        <table>
          <caption className="sr-only">Keywords of {site.name}</caption>
          <thead>
            <tr>
              {canWrite && (
                <th scope="col">
                  <input type="checkbox" aria-label="Select all keywords on this page"
                    checked={rows.length > 0 && rows.every((r) => selected.includes(r.id))}
                    onChange={(e) => setSelected(e.target.checked ? rows.map((r) => r.id) : [])} />
                </th>
              )}
              <SortTh f="keyword" label="Keyword" />
              <SortTh f="volume" label="Volume" />
              <SortTh f="difficulty" label="Difficulty" />
              <th scope="col">Intent</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((k) => (
              <tr key={k.id}>
                {canWrite && (
                  <td>
                    <input type="checkbox" aria-label={`Select ${k.keyword}`} checked={selected.includes(k.id)}
                      onChange={(e) => setSelected(e.target.checked ? [...selected, k.id] : selected.filter((x) => x !== k.id))} />
                  </td>
                )}
                <td>{k.keyword}</td>
                <td>{k.volume ?? "—"}</td>
                <td>{k.difficulty ?? "—"}</td>
                <td>{k.intent ?? "—"}</td>
                <td>{k.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.data && <Pager page={page} count={list.data.count} pageSize={PAGE_SIZE} onPage={setPage} />}
      {canWrite && <CsvImport onDone={() => void list.reload()} />}
      {canWrite && <SeedLibrary onDone={() => void list.reload()} />}
    </>
  );
}
