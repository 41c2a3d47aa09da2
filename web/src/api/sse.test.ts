import { describe, expect, it } from "vitest";
import { SseParser } from "./sse";

describe("SseParser", () => {
  it("joins events split across chunks and skips comments", () => {
    const p = new SseParser();
    expect(p.push(": keep-alive\n\nid: 4\nevent: stage_")).toEqual([]);
    expect(p.push('started\ndata: {"stage":1}\n\n')).toEqual([
      { id: "4", event: "stage_started", data: '{"stage":1}' },
    ]);
  });

  it("handles CRLF, multi-line data and a default event name", () => {
    const p = new SseParser();
    expect(p.push("data: a\r\ndata: b\r\n\r\n")).toEqual([{ id: undefined, event: "message", data: "a\nb" }]);
  });

  it("keeps the last id for later events", () => {
    const p = new SseParser();
    const out = p.push("id: 9\nevent: state\ndata: {}\n\nevent: x\ndata: 1\n\n");
    expect(out.map((e) => e.id)).toEqual(["9", "9"]);
  });
});
