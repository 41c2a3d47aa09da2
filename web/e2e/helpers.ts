import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { STAFF_EMAIL, STAFF_PASSWORD } from "./stack";

/** The app's origin (the api binary serving web/dist), set by the global setup. */
export function url(path = "/"): string {
  const b = process.env.IGNY8_E2E_BASE;
  if (!b) throw new Error("IGNY8_E2E_BASE is not set: run through playwright.config.ts");
  return b + path;
}

/** Where the screenshots go (a temporary directory, listed at the end of the run). */
export const SHOTS = process.env.IGNY8_E2E_SHOTS ?? join(tmpdir(), "igny8-web-screens");
mkdirSync(SHOTS, { recursive: true });

/** Every console error, page error and CSP violation of a test's page. */
export const test = base.extend<{ problems: string[] }>({
  problems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.text().includes("Content Security Policy")) problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    await use(problems);
  },
});
export { expect };

/** No console error, page error or CSP violation but the network errors a test provoked on purpose. */
export function expectClean(problems: string[], provoked: RegExp[] = []) {
  expect(problems.filter((p) => !(p.startsWith("Failed to load resource") && provoked.some((r) => r.test(p))))).toEqual([]);
}

/** Zero axe WCAG 2.1 A/AA violations on the page as it is, then screenshots (desktop, phone). */
export async function screen(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  // axe cannot run inside the article preview (a sandboxed frame without scripts: the analysis
  // hangs), so the frame is set aside while the page is checked; its own title is checked here.
  const frames = await page.locator("iframe.preview").count();
  if (frames > 0) await expect(page.locator("iframe.preview")).toHaveAttribute("title", /\S/);
  await page.evaluate(() => {
    for (const f of document.querySelectorAll("iframe.preview")) {
      const ph = document.createElement("div");
      ph.className = "axe-placeholder";
      f.replaceWith(ph);
      (ph as any).__frame = f;
    }
  });
  const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  await page.evaluate(() => {
    for (const ph of document.querySelectorAll(".axe-placeholder")) ph.replaceWith((ph as any).__frame);
  });
  const found = r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  expect(found, `axe violations on ${name}`).toEqual([]);
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.screenshot({ path: join(SHOTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(SHOTS, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(size);
}

/** A JSON call to the API from the test (not the browser). */
export async function api(method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(url(path), {
    method,
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

let staff: Promise<string> | null = null;
/** The platform staff's access token (one sign-in per run: sign-ins are throttled per IP). */
export function staffToken(): Promise<string> {
  staff ??= api("POST", "/api/v1/auth/login/", undefined, { email: STAFF_EMAIL, password: STAFF_PASSWORD }).then((r) => r.data.access);
  return staff;
}

/** Pays an account's open invoices by manual transfer, approved by staff. */
export async function payOpenInvoices(token: string) {
  const invoices = await api("GET", "/api/v1/billing/invoices/", token);
  for (const inv of invoices.results) {
    if (inv.status !== "pending" && inv.status !== "open") continue;
    await api("POST", "/api/v1/billing/payments/manual/", token, { invoice_id: inv.id, payment_method: "bank_transfer", transaction_reference: `REF-${inv.id}` });
  }
  const s = await staffToken();
  const pending = await api("GET", "/api/v1/admin/payments/?status=pending_approval", s);
  for (const p of pending.results) await api("POST", `/api/v1/admin/payments/${p.id}/approve/`, s, {});
}

let n = 0;
/** A fresh e-mail address. */
export function email(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${n++}@example.com`;
}

export const PASSWORD = "a long passphrase 42";

/** Signs in through the form. */
export async function signIn(page: Page, mail: string, password = PASSWORD) {
  await page.goto(url("/login"));
  await page.getByLabel("E-mail").fill(mail);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Sites", level: 1 })).toBeVisible();
}

/** Opens a screen from the main navigation. */
export async function go(page: Page, label: string) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: label, exact: true }).click();
}

/** A CSV of keywords. */
export function csv(words: string[]): { name: string; mimeType: string; buffer: Buffer } {
  const rows = words.map((w, i) => `${w},${1000 - i * 10},${20 + i}`);
  return { name: "keywords.csv", mimeType: "text/csv", buffer: Buffer.from(["keyword,volume,difficulty", ...rows].join("\n")) };
}

/** A real WordPress on loopback (scripts/wordpress/wp.sh: Debian's packages, no internet). */
export interface WordPress {
  url: string;
  restUrl: string;
  user: string;
  appPassword: string;
  /** An authenticated GET of the REST API (the admin's application password). */
  get(route: string): Promise<any>;
  /** Stops it and deletes its files. */
  down(): void;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => (typeof a === "object" && a ? ok(a.port) : fail(new Error("no port"))));
    });
  });
}

/** Starts a fresh WordPress; it stops itself if this process dies without `down()`. */
export async function startWordPress(): Promise<WordPress> {
  const script = resolve(dirname(fileURLToPath(import.meta.url)), "../../scripts/wordpress/wp.sh");
  const dir = mkdtempSync(join(tmpdir(), "igny8-e2e-wp-"));
  const data = join(dir, "wp");
  let last = "";
  for (let i = 0; i < 3; i++) {
    const r = spawnSync(script, ["up", String(await freePort()), data], { encoding: "utf8", env: { ...process.env, WP_OWNER_PID: String(process.pid) } });
    if (r.status === 0) {
      const env = Object.fromEntries(r.stdout.split("\n").filter((l) => l.includes("=")).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
      const auth = "Basic " + Buffer.from(`${env.WP_ADMIN_USER}:${env.WP_APP_PASSWORD}`).toString("base64");
      return {
        url: env.WP_URL,
        restUrl: env.WP_REST_URL,
        user: env.WP_ADMIN_USER,
        appPassword: env.WP_APP_PASSWORD,
        get: async (route: string) => {
          const res = await fetch(env.WP_REST_URL + route.replace(/^\//, ""), { headers: { Authorization: auth } });
          if (!res.ok) throw new Error(`WordPress GET ${route} → ${res.status}`);
          return res.json();
        },
        down: () => {
          spawnSync(script, ["down", data, "--purge"], { encoding: "utf8" });
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    last = `${r.stdout}\n${r.stderr}`;
    spawnSync(script, ["down", data, "--purge"], { encoding: "utf8" });
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error(`wp.sh up failed three times:\n${last}`);
}
