import { describe, expect, it } from "vitest";
import { explain, messageOf } from "./errors";

describe("explain", () => {
  it("names credits for 402", () => {
    const p = explain(402, { code: "insufficient_credits", errors: { needed: ["12"], available: ["3"] } });
    expect(p.message).toContain("needs 12 credits and you have 3");
  });
  it("reads Retry-After for 429", () => {
    const p = explain(429, { code: "rate_limited", error: "slow down" }, "17");
    expect(p.retryAfter).toBe(17);
    expect(p.message).toBe("Too many requests. Try again in 17 seconds.");
  });
  it("keeps field errors for 400", () => {
    const p = explain(400, { code: "validation_failed", errors: { email: ["Enter a valid e-mail."] } });
    expect(p.fields.email).toEqual(["Enter a valid e-mail."]);
    expect(p.message).toMatch(/highlighted/);
  });
  it("explains a run in progress and hides 5xx causes", () => {
    expect(explain(409, { code: "run_in_progress" }).message).toMatch(/already in progress/);
    const p = explain(500, { error: "boom: db down", request_id: "r-1" });
    expect(p.message).not.toContain("boom");
    expect(p.message).toContain("r-1");
  });
  it("words network failures", () => {
    expect(messageOf(new TypeError("Failed to fetch"))).toMatch(/cannot be reached/);
  });
});
