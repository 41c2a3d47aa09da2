// Shared pieces of every screen: loading data, showing errors where they happened, announcing
// progress, AI task progress, and images fetched with the access token.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { api, authHeaders, ok } from "./api/client";
import { ApiProblem, messageOf } from "./api/errors";
import { streamEvents } from "./api/sse";
import type { AiTask } from "./api/types";

/** Loads data for a screen; `reload` runs it again. */
export function useLoad<T>(fn: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(fn, deps);
  const reload = useCallback(async () => {
    const n = ++seq.current;
    setLoading(true);
    try {
      const d = await run();
      if (n === seq.current) {
        setData(d);
        setError(null);
      }
    } catch (e) {
      if (n === seq.current) setError(e);
    } finally {
      if (n === seq.current) setLoading(false);
    }
  }, [run]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, loading, reload, setData };
}

/** Runs an action, keeping its error to show next to the control that started it. */
export function useAction() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { error, busy, run, setError };
}

/** An error where it happened, in plain words (role=alert so it is read out). */
export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const fields = error instanceof ApiProblem ? Object.entries(error.fields) : [];
  return (
    <div className="alert" role="alert">
      <p>{messageOf(error)}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map(([k, v]) => (
            <li key={k}>
              <strong>{k.replaceAll("_", " ")}</strong>: {v.join(" ")}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The per-field messages of an error for one form field. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiProblem ? error.fields[field]?.join(" ") : undefined;
}

const Announce = createContext<(msg: string) => void>(() => {});

/** One polite aria-live region for the whole app: progress and results are read out there. */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [msg, setMsg] = useState("");
  return (
    <Announce.Provider value={setMsg}>
      {children}
      <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="live-region">
        {msg}
      </div>
    </Announce.Provider>
  );
}

export function useAnnounce() {
  return useContext(Announce);
}

const PHASES: Record<string, string> = {
  INIT: "Starting",
  PREP: "Preparing",
  AI_CALL: "Asking the AI",
  PARSE: "Reading the answer",
  SAVE: "Saving",
  DONE: "Done",
};

/**
 * Follows an AI task (every AI action answers 202 with its id) until it ends: one fetch-based
 * event stream with the Authorization header (`state` events, each the task); reconnects when it
 * drops; polls the task only when the stream cannot be opened.
 */
export function AiTaskProgress({ taskId, label, onDone }: { taskId: number; label: string; onDone: (t: AiTask) => void }) {
  const [task, setTask] = useState<AiTask | null>(null);
  const [error, setError] = useState<unknown>(null);
  const announce = useAnnounce();
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    const ctl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let finished = false;
    const show = (t: AiTask) => {
      if (ctl.signal.aborted || finished) return;
      setTask(t);
      setError(null);
      announce(`${label}: ${PHASES[t.phase] ?? t.phase}, ${t.progress}%`);
      if (t.status === "completed" || t.status === "failed") {
        finished = true;
        announce(`${label}: ${t.status === "completed" ? "finished" : "failed"}`);
        done.current(t);
      }
    };
    const poll = async () => {
      if (ctl.signal.aborted || finished) return;
      try {
        const r = await ok(api.GET("/api/v1/system/ai-tasks/{id}/", { params: { path: { id: taskId } } }));
        show(r.data);
      } catch (e) {
        if (ctl.signal.aborted) return;
        setError(e);
      }
      if (!finished) timer = setTimeout(poll, 1000);
    };
    (async () => {
      for (let attempt = 0; attempt < 3 && !ctl.signal.aborted && !finished; attempt++) {
        try {
          await streamEvents(`/api/v1/system/ai-tasks/${taskId}/events/`, {
            headers: authHeaders,
            signal: ctl.signal,
            onEvent: (e) => {
              attempt = 0;
              if (e.event === "state") show(JSON.parse(e.data) as AiTask);
            },
          });
          // The stream ends after the final state; ending earlier means it dropped: reconnect.
        } catch {
          if (ctl.signal.aborted) return;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
      if (!ctl.signal.aborted && !finished) void poll();
    })();
    return () => {
      ctl.abort();
      if (timer) clearTimeout(timer);
    };
  }, [taskId, label, announce]);
  return (
    <div className="card" data-testid="ai-progress">
      <p>
        <strong>{label}</strong>: {task ? `${PHASES[task.phase] ?? task.phase} (${task.status})` : "queued"}
      </p>
      <progress max={100} value={task?.progress ?? 0} aria-label={`${label} progress`} />
      {task?.message && <p className="muted">{task.message}</p>}
      {task?.status === "failed" && <p className="alert" role="alert">It failed: {task.error ?? "unknown error"}</p>}
      <ErrorBox error={error} />
    </div>
  );
}

/** An image of the writer, fetched with the access token and shown as a blob URL. */
export function AuthImage({ id, alt }: { id: number; alt: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let revoked = false;
    let made: string | null = null;
    fetch(`/api/v1/writer/images/${id}/file/`, { headers: authHeaders() })
      .then(async (r) => {
        if (!r.ok) throw new Error(String(r.status));
        const b = await r.blob();
        if (revoked) return;
        made = URL.createObjectURL(b);
        setUrl(made);
      })
      .catch(() => setFailed(true));
    return () => {
      revoked = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [id]);
  if (failed) return <span className="muted">Image not available</span>;
  if (!url) return <span className="muted">Loading image…</span>;
  return <img className="thumb" src={url} alt={alt} />;
}

/** Previous/next for a list envelope. */
export function Pager({ page, count, pageSize, onPage }: { page: number; count: number; pageSize: number; onPage: (p: number) => void }) {
  const pages = Math.max(1, Math.ceil(count / pageSize));
  return (
    <div className="row" role="navigation" aria-label="Pages">
      <button className="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous page
      </button>
      <span>
        Page {page} of {pages} ({count} in all)
      </span>
      <button className="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next page
      </button>
    </div>
  );
}

/** Formats integer cents. */
export function money(cents: number, currency: string): string {
  return new Intl.NumberFormat("en", { style: "currency", currency: currency.toUpperCase() }).format(cents / 100);
}

/** Shown when no site exists yet. */
export function NeedSite() {
  return (
    <p className="notice">
      Create a site first on the <a href="/sites">Sites</a> page.
    </p>
  );
}
