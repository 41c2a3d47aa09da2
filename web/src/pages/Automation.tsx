import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { api, authHeaders, ok } from "../api/client";
import { streamEvents } from "../api/sse";
import type { Run, RunEvent } from "../api/types";
import { useSession } from "../session";
import { useSite } from "../site";
import { ErrorBox, NeedSite, useAction, useAnnounce, useLoad } from "../ui";

const ACTIVE = new Set(["running", "paused"]);

/**
 * Follows a run: one fetch-based event stream with the Authorization header; reconnects with
 * Last-Event-ID; falls back to polling `current_run/` only when the stream cannot be opened.
 */
function useRunStream(run: Run | null, siteId: number | undefined, onRun: (r: Run) => void, onEvent: (e: RunEvent) => void) {
  const [mode, setMode] = useState<"idle" | "stream" | "polling">("idle");
  const runId = run && ACTIVE.has(run.status) ? run.id : null;
  const cb = useRef({ onRun, onEvent });
  cb.current = { onRun, onEvent };
  useEffect(() => {
    if (!runId) {
      setMode("idle");
      return;
    }
    const ctl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      if (ctl.signal.aborted || !siteId) return;
      try {
        const r = await ok(api.GET("/api/v1/automation/current_run/", { params: { query: { site_id: siteId } } }));
        if (r.data) cb.current.onRun(r.data);
        if (!r.data || !ACTIVE.has(r.data.status)) return;
      } catch {
        /* keep polling */
      }
      timer = setTimeout(poll, 2000);
    };
    (async () => {
      let last: string | undefined;
      for (let attempt = 0; attempt < 3 && !ctl.signal.aborted; attempt++) {
        try {
          setMode("stream");
          last = await streamEvents(`/api/v1/automation/runs/${runId}/events/`, {
            headers: authHeaders,
            signal: ctl.signal,
            lastEventId: last,
            onEvent: (e) => {
              attempt = 0;
              const data = JSON.parse(e.data);
              if (e.event === "state") cb.current.onRun(data as Run);
              else cb.current.onEvent(data as RunEvent);
            },
          });
          return; // the stream ended after the run's final state
        } catch {
          if (ctl.signal.aborted) return;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
      if (!ctl.signal.aborted) {
        setMode("polling");
        void poll();
      }
    })();
    return () => {
      ctl.abort();
      if (timer) clearTimeout(timer);
    };
  }, [runId, siteId]);
  return mode;
}

function ConfigForm({ siteId, canWrite, onSaved }: { siteId: number; canWrite: boolean; onSaved: () => void }) {
  const cfg = useLoad(() => ok(api.GET("/api/v1/automation/config/", { params: { query: { site_id: siteId } } })), [siteId]);
  const save = useAction();
  const announce = useAnnounce();
  const c = cfg.data?.data;
  if (!c) return <ErrorBox error={cfg.error} />;
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const r = await save.run(() =>
      ok(api.PUT("/api/v1/automation/update_config/", {
        params: { query: { site_id: siteId } },
        body: {
          enabled: f.get("enabled") === "on",
          frequency: String(f.get("frequency")) as "daily" | "weekly" | "monthly",
          scheduled_hour: Number(f.get("scheduled_hour")),
          auto_approve: f.get("auto_approve") === "on",
          within_stage_delay_secs: Number(f.get("within_stage_delay_secs")),
          between_stage_delay_secs: Number(f.get("between_stage_delay_secs")),
        },
      })),
    );
    if (r) {
      announce("Automation settings saved");
      cfg.setData(r);
      onSaved();
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="cfg-h">
      <h2 id="cfg-h">Settings</h2>
      <fieldset disabled={!canWrite}>
        <legend className="sr-only">Automation settings</legend>
        <div className="row">
          <label><input type="checkbox" name="enabled" defaultChecked={c.enabled} /> Run on a schedule</label>
          <label>Frequency
            <select name="frequency" defaultValue={c.frequency}>
              <option value="daily">Daily</option><option value="weekly">Weekly</option><option value="monthly">Monthly</option>
            </select>
          </label>
          <label>Hour (0–23)<input type="number" name="scheduled_hour" min={0} max={23} defaultValue={c.scheduled_hour} /></label>
          <label><input type="checkbox" name="auto_approve" defaultChecked={c.auto_approve} /> Approve articles automatically</label>
          <label>Pause within a stage (s)<input type="number" name="within_stage_delay_secs" min={0} defaultValue={c.within_stage_delay_secs} /></label>
          <label>Pause between stages (s)<input type="number" name="between_stage_delay_secs" min={0} defaultValue={c.between_stage_delay_secs} /></label>
        </div>
        {canWrite && <button type="submit" disabled={save.busy}>Save settings</button>}
      </fieldset>
      <ErrorBox error={save.error} />
    </form>
  );
}

export function Automation() {
  const { canWrite } = useSession();
  const { site } = useSite();
  const siteId = site?.id;
  const announce = useAnnounce();
  const overview = useLoad(async () => (siteId ? ok(api.GET("/api/v1/automation/pipeline_overview/", { params: { query: { site_id: siteId } } })) : null), [siteId]);
  const estimate = useLoad(async () => (siteId ? ok(api.GET("/api/v1/automation/estimate/", { params: { query: { site_id: siteId } } })) : null), [siteId]);
  const history = useLoad(async () => (siteId ? ok(api.GET("/api/v1/automation/history/", { params: { query: { site_id: siteId, page_size: 20 } } })) : null), [siteId]);
  const [run, setRun] = useState<Run | null>(null);
  const [events, setEvents] = useState<RunEvent[]>([]);
  const [logsFor, setLogsFor] = useState<number | null>(null);
  const action = useAction();

  useEffect(() => {
    if (!siteId) return;
    ok(api.GET("/api/v1/automation/current_run/", { params: { query: { site_id: siteId } } }))
      .then((r) => setRun(r.data ?? null))
      .catch(() => {});
  }, [siteId]);

  const { reload: reloadOverview } = overview;
  const { reload: reloadHistory } = history;
  const { reload: reloadEstimate } = estimate;
  const onRun = useCallback(
    (r: Run) => {
      setRun(r);
      if (!ACTIVE.has(r.status)) {
        announce(`Automation run ${r.status}`);
        void reloadOverview();
        void reloadHistory();
        void reloadEstimate();
      }
    },
    [announce, reloadOverview, reloadHistory, reloadEstimate],
  );
  const onEvent = useCallback(
    (e: RunEvent) => {
      setEvents((cur) => [...cur.slice(-199), e]);
      announce(e.message);
      if (e.kind === "stage_completed" || e.kind === "stage_started" || e.kind === "run_paused" || e.kind === "run_resumed") {
        setRun((cur) => (cur ? { ...cur, current_stage: e.stage ?? cur.current_stage, status: e.kind === "run_paused" ? "paused" : e.kind === "run_resumed" ? "running" : cur.status } : cur));
      }
    },
    [announce],
  );
  const mode = useRunStream(run, siteId, onRun, onEvent);

  if (!site || !siteId) return <><h1>Automation</h1><NeedSite /></>;
  const stages = overview.data?.data.stages ?? [];
  const est = estimate.data?.data;
  const active = run && ACTIVE.has(run.status);

  const runNow = async () => {
    const r = await action.run(() => ok(api.POST("/api/v1/automation/run_now/", { params: { query: { site_id: siteId } } })));
    if (r) {
      setEvents([]);
      setRun(r.data);
      announce("Automation run started");
    }
  };
  const steer = async (what: "pause" | "resume" | "cancel") => {
    if (!run) return;
    const path = `/api/v1/automation/${what}/` as "/api/v1/automation/pause/";
    const r = await action.run(() => ok(api.POST(path, { params: { query: { run_id: run.id } } })));
    if (r) setRun(r.data);
  };

  return (
    <>
      <h1>Automation</h1>
      <section aria-labelledby="pipe-h">
        <h2 id="pipe-h">Pipeline</h2>
        <ol className="stages" data-testid="stages">
          {stages.map((s) => {
            const result = run?.stages.find((r) => r.stage === s.stage);
            const current = !!active && run?.current_stage === s.stage;
            return (
              <li key={s.stage} className={current ? "current" : undefined} aria-current={current ? "step" : undefined} data-stage={s.stage}>
                <strong>{s.stage}. {s.name}</strong> — {s.pending} pending
                {result && run && <> · this run: <span data-testid={`stage-state-${s.stage}`}>{result.state}</span>, {result.processed} processed, {result.created} created, {result.credits} credits</>}
              </li>
            );
          })}
        </ol>
        <ErrorBox error={overview.error} />
      </section>

      <section aria-labelledby="run-h">
        <h2 id="run-h">Run</h2>
        {est && (
          <p data-testid="estimate">
            Estimated cost: {est.stages.reduce((a, s) => a + s.credits, 0)} credits; a run needs {est.required_credits} available (you have {est.balance}).{" "}
            {!est.sufficient && <strong>Not enough credits.</strong>}
          </p>
        )}
        {run && (
          <div className="card" role="status" aria-live="off" data-testid="run-status">
            <p>
              <strong>{run.run_name}</strong>: {run.status}
              {active && <> — stage {run.current_stage} of 7</>} · {run.total_credits} credits
              {run.pause_reason && <> · paused: {run.pause_reason}</>}
              {run.error && <> · {run.error}</>}
            </p>
            {active && <progress max={7} value={Math.max(0, run.current_stage - 1)} aria-label="Run progress (stages done)" />}
            <p className="muted" data-testid="live-mode">{mode === "stream" ? "Live updates on" : mode === "polling" ? "Live updates unavailable: checking every few seconds" : ""}</p>
          </div>
        )}
        {canWrite && (
          <div className="row">
            <button onClick={runNow} disabled={action.busy}>Run now</button>
            {run?.status === "running" && <button className="secondary" onClick={() => steer("pause")}>Pause</button>}
            {run?.status === "paused" && <button className="secondary" onClick={() => steer("resume")}>Resume</button>}
            {active && <button className="danger" onClick={() => steer("cancel")}>Cancel run</button>}
          </div>
        )}
        <ErrorBox error={action.error} />
        {events.length > 0 && (
          <pre className="log" data-testid="run-events" tabIndex={0} aria-label="Events of this run">
            {events.map((e) => `${new Date(e.created_at).toLocaleTimeString()}  ${e.message}`).join("\n")}
          </pre>
        )}
      </section>

      <ConfigForm siteId={siteId} canWrite={canWrite} onSaved={() => void estimate.reload()} />

      <section aria-labelledby="hist-h">
        <h2 id="hist-h">History</h2>
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Past runs</caption>
            <thead><tr><th scope="col">Run</th><th scope="col">Status</th><th scope="col">Started</th><th scope="col">Credits</th><th scope="col">Logs</th></tr></thead>
            <tbody>
              {((history.data?.results ?? []) as Run[]).map((h) => (
                <tr key={h.id}>
                  <td>{h.run_name}</td><td>{h.status}</td><td>{new Date(h.started_at).toLocaleString()}</td><td>{h.total_credits}</td>
                  <td><button className="secondary" onClick={() => setLogsFor(h.id)}>Show logs <span className="sr-only">of {h.run_name}</span></button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {logsFor !== null && <RunLogs runId={logsFor} />}
      </section>
    </>
  );
}

function RunLogs({ runId }: { runId: number }) {
  const logs = useLoad(() => ok(api.GET("/api/v1/automation/logs/", { params: { query: { run_id: runId, lines: 200 } } })), [runId]);
  return (
    <>
      <h3>Logs of run {runId}</h3>
      <ErrorBox error={logs.error} />
      <pre className="log" tabIndex={0} aria-label={`Logs of run ${runId}`}>
        {(logs.data?.data.events ?? []).map((e) => `${new Date(e.created_at).toLocaleTimeString()}  ${e.message}`).join("\n")}
      </pre>
    </>
  );
}
