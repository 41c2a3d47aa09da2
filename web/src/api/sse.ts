// Server-sent events over fetch, so the stream can carry an Authorization header (the browser's
// EventSource cannot). Parses the text/event-stream format incrementally.

/** One server-sent event. */
export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/** Incremental text/event-stream parser: feed chunks, get complete events. */
export class SseParser {
  private buf = "";
  private data: string[] = [];
  private event = "";
  private id: string | undefined;

  /** Adds a chunk of text and returns the events it completed. */
  push(chunk: string): SseEvent[] {
    this.buf += chunk;
    const out: SseEvent[] = [];
    let nl: number;
    while ((nl = this.buf.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buf.slice(0, nl);
      const skip = this.buf.startsWith("\r\n", nl) ? 2 : 1;
      this.buf = this.buf.slice(nl + skip);
      if (line === "") {
        if (this.data.length > 0) {
          out.push({ id: this.id, event: this.event || "message", data: this.data.join("\n") });
        }
        this.data = [];
        this.event = "";
        continue;
      }
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "data") this.data.push(value);
      else if (field === "event") this.event = value;
      else if (field === "id") this.id = value;
    }
    return out;
  }
}

/** Options of {@link streamEvents}. */
export interface StreamOptions {
  headers: () => Record<string, string>;
  onEvent: (e: SseEvent) => void;
  signal: AbortSignal;
  lastEventId?: string;
}

/**
 * Reads a server-sent event stream until it ends or the signal aborts. Resolves with the last
 * event id seen (to resume with `Last-Event-ID`); rejects when the stream cannot be opened.
 */
export async function streamEvents(url: string, opts: StreamOptions): Promise<string | undefined> {
  const headers: Record<string, string> = { Accept: "text/event-stream", ...opts.headers() };
  if (opts.lastEventId) headers["Last-Event-ID"] = opts.lastEventId;
  const res = await fetch(url, { headers, signal: opts.signal, cache: "no-store" });
  if (!res.ok || !res.body) throw new Error(`event stream answered ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new SseParser();
  let last = opts.lastEventId;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return last;
    for (const e of parser.push(value)) {
      if (e.id) last = e.id;
      opts.onEvent(e);
    }
  }
}
