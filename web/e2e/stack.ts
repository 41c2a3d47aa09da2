// Starts the real api and worker binaries on a scratch database (like tests/tests/harness) with
// the offline AI provider, serving web/dist; Playwright's global setup and teardown.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const WEB = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = resolve(WEB, "..");
/** The platform staff user the global setup creates. */
export const STAFF_EMAIL = "staff@e2e.example";
export const STAFF_PASSWORD = "staff passphrase 0123456789";
export const STATE_FILE = join(tmpdir(), `igny8-e2e-${process.pid}.json`);

function serverUrl(): string {
  const env = process.env.IGNY8_DATABASE_URL;
  if (env) return env;
  const r = spawnSync(join(ROOT, "scripts/db.sh"), ["url"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`scripts/db.sh url failed: ${r.stderr}`);
  return r.stdout.trim();
}

function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

function psql(url: string, sql: string) {
  const r = spawnSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-qc", sql], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
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

function bin(name: string): string {
  const target = process.env.CARGO_TARGET_DIR ?? join(ROOT, "target");
  const p = join(target, "debug", name);
  if (!existsSync(p)) throw new Error(`${p} is missing: cargo build -p api -p worker --bins`);
  return p;
}

async function waitFor(url: string, ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

export interface StackState {
  base: string;
  db: string;
  adminUrl: string;
  dir: string;
  pids: number[];
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(join(WEB, "dist/index.html"))) throw new Error("web/dist is missing: npm run build first");
  const server = serverUrl();
  const adminUrl = withDb(server, "postgres");
  const db = `e2e_web_${process.pid}_${Date.now()}`;
  psql(adminUrl, `CREATE DATABASE ${db}`);
  const dir = mkdtempSync(join(tmpdir(), "igny8-e2e-"));
  mkdirSync(join(dir, "data"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("IGNY8_") && k !== "RUST_LOG") env[k] = v;
  Object.assign(env, {
    IGNY8_DATABASE_URL: withDb(server, db),
    IGNY8_BIND: `127.0.0.1:${port}`,
    IGNY8_PUBLIC_URL: base,
    IGNY8_WEB_DIR: join(WEB, "dist"),
    IGNY8_JWT_SECRET: "e2e-web-jwt-secret-0123456789abcdef-0123456789",
    IGNY8_SECRET_KEY: "e2e-web-secret-key-0123456789abcdef-0123456789",
    IGNY8_DATA_DIR: join(dir, "data"),
    IGNY8_MEDIA_DIR: join(dir, "media"),
    IGNY8_MAIL_DIR: join(dir, "mail"),
    IGNY8_AI_PROVIDER: "offline",
    IGNY8_AI_IMAGE_SIZE: "64x64",
    IGNY8_AI_IN_ARTICLE_IMAGES: "1",
    IGNY8_WORKER_POLL_MS: "100",
    IGNY8_LOG_FORMAT: "json",
    RUST_LOG: process.env.IGNY8_E2E_LOG ?? "warn",
  });
  const procs: ChildProcess[] = [];
  const start = (name: string, args: string[]) => {
    const p = spawn(bin(name), args, { env, cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    const log = join(dir, `${name}.log`);
    const chunks: Buffer[] = [];
    p.stdout?.on("data", (c) => chunks.push(c));
    p.stderr?.on("data", (c) => chunks.push(c));
    p.on("exit", () => writeFileSync(log, Buffer.concat(chunks)));
    procs.push(p);
    return p;
  };
  start("api", ["serve"]);
  await waitFor(`${base}/api/ping/`, 60_000);
  start("worker", []);
  // Platform staff, to approve manual payments in the billing flow.
  const staff = spawnSync(bin("api"), ["create-staff", "--email", STAFF_EMAIL], { env, cwd: dir, input: `${STAFF_PASSWORD}\n`, encoding: "utf8" });
  if (staff.status !== 0) throw new Error(`create-staff failed: ${staff.stderr}`);
  const state: StackState = { base, db, adminUrl, dir, pids: procs.map((p) => p.pid ?? 0) };
  writeFileSync(STATE_FILE, JSON.stringify(state));
  process.env.IGNY8_E2E_BASE = base;
  process.env.IGNY8_E2E_STATE = STATE_FILE;
  return async () => {
    for (const p of procs) p.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, 300));
    try {
      psql(adminUrl, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    } catch (e) {
      console.error(String(e));
    }
    if (!process.env.IGNY8_E2E_KEEP) rmSync(dir, { recursive: true, force: true });
    rmSync(STATE_FILE, { force: true });
  };
}

/** The running stack's state (in a test). */
export function stack(): StackState {
  return JSON.parse(readFileSync(process.env.IGNY8_E2E_STATE ?? STATE_FILE, "utf8"));
}
