import { defineConfig } from "@playwright/test";

// Debian's Chromium (scripts/web.sh installs it with apt when missing); never a downloaded browser.
export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/stack.ts",
  workers: 1,
  fullyParallel: false,
  // One retry, reported as flaky in the output, so a timing hiccup on a loaded machine does not
  // block CI; a real failure fails twice.
  retries: 1,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: process.env.IGNY8_E2E_OUT ?? "/tmp/igny8-web-test-results",
  use: {
    browserName: "chromium",
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-site-isolation-trials",
      ],
    },
    trace: "off",
    screenshot: "off",
  },
});
