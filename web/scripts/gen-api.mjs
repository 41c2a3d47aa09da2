// Regenerates src/api/schema.d.ts from the API's OpenAPI document (`api openapi` prints it, no
// server or database needed). With --check, fails when the committed file differs: the UI and
// the contract cannot drift.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const web = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const root = resolve(web, "..");
const out = join(web, "src/api/schema.d.ts");
const check = process.argv.includes("--check");

function document() {
  const target = process.env.CARGO_TARGET_DIR ?? join(root, "target");
  const bin = process.env.IGNY8_API_BIN ?? join(target, "debug/api");
  const opts = { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, RUST_LOG: "error" } };
  if (existsSync(bin)) return execFileSync(bin, ["openapi"], opts);
  return execFileSync("cargo", ["run", "-q", "-p", "api", "--", "openapi"], { ...opts, cwd: root });
}

const doc = JSON.parse(document());
// The document reuses handler names as operationIds (`list`, `get`, …), which the generator's
// validator refuses; the client addresses operations by path and method, so they are dropped.
for (const item of Object.values(doc.paths ?? {})) {
  for (const op of Object.values(item)) if (op && typeof op === "object") delete op.operationId;
}
const ast = await openapiTS(doc, { alphabetize: true });
const text =
  "// Generated from the API's OpenAPI document by `npm run gen` (web/scripts/gen-api.mjs). Do not edit.\n" +
  astToString(ast);

if (check) {
  const current = existsSync(out) ? readFileSync(out, "utf8") : "";
  if (current !== text) {
    console.error(
      "web/src/api/schema.d.ts is out of date with the API's OpenAPI document: run `npm run gen` in web/ and commit it.",
    );
    process.exit(1);
  }
  console.log("API client types match the OpenAPI document");
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out}`);
}
