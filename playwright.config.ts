import { defineConfig } from "@playwright/test";

// Browser tests run against an app the test orchestrator (scripts/test.ts) has started on the
// real stack, in Debian's Chromium: Playwright's own browser downloads are not available here.
// scripts/test.ts moves results with TEST_STACK_SLOT so that parallel runs do not share them.
const resultsDir = process.env.TEST_RESULTS_DIR ?? "test-results";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 30_000 },
  outputDir: `${resultsDir}/e2e`,
  reporter: [["list"], ["json", { outputFile: `${resultsDir}/e2e.json` }]],
  use: {
    baseURL: process.env.TEST_APP_URL ?? "http://127.0.0.1:3100",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
    },
  },
});
