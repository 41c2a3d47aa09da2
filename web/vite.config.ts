import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The app is served by the api binary on its own origin (IGNY8_WEB_DIR); the dev server proxies
// the API so the refresh cookie stays same-origin there too.
export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", sourcemap: false, assetsInlineLimit: 0 },
  server: {
    port: 5173,
    proxy: { "/api": { target: process.env.IGNY8_API ?? "http://127.0.0.1:8000" } },
  },
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});
