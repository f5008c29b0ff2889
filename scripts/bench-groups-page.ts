/**
 * The groups page of a big cluster in Chromium, on its own (bench:collector measures the same in its
 * web app step): `npx tsx scripts/bench-groups-page.ts --brokers host:port --groups 10000` starts
 * `next start` (the build in NEXT_DIST_DIR, default .next) on --app-port (default 3210) against that
 * broker and a throwaway PostgreSQL database, waits until the list API has --groups groups, then
 * loads the page; `--url http://…` measures an app that is already running instead.
 */
import path from "node:path";
import { repoRoot } from "./lib/kafka-dist";
import { startApp } from "./lib/app-process";
import { measureGroupsPage, pageBytes } from "./lib/bench-groups-page";
import { createTestDatabase } from "../tests/support/test-database";

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? undefined : process.argv[index + 1];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main() {
  const groups = Number(flag("groups") ?? 1);
  const cluster = flag("cluster") ?? "local";
  let url = flag("url");
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    if (!url) {
      const brokers = flag("brokers");
      if (!brokers) throw new Error("pass --url of a running app, or --brokers to start one");
      const database = await createTestDatabase();
      cleanups.unshift(() => database.drop());
      const app = await startApp({
        port: Number(flag("app-port") ?? 3210),
        hostname: "127.0.0.1",
        // A loopback-only bench: no sign-in.
        env: { KAFKA_BROKERS: brokers, DATABASE_URL: database.url, AUTH_ALLOW_NONE: "1" },
        logFile: path.join(repoRoot, "test-results", "bench-groups-page-app.log"),
      });
      cleanups.unshift(() => app.stop());
      url = app.url;
    }
    await waitForGroups(url, cluster, groups);
    const figures = await measureGroupsPage(url, cluster);
    const { transfer } = figures;
    console.log(`groups page of ${figures.total} groups: ${figures.rows} rows drawn`);
    console.log(`  navigation → rows drawn: median ${figures.renderMedianMs.toFixed(0)} ms (${figures.renderMs.map((ms) => ms.toFixed(0)).join(" / ")})`);
    for (const phase of figures.phases) console.log(`  HTML at ${phase.documentMs.toFixed(0)} ms, list API ${phase.apiStartMs.toFixed(0)} → ${phase.apiEndMs.toFixed(0)} ms`);
    if (figures.consoleErrors.length > 0) console.log(`  console errors: ${JSON.stringify(figures.consoleErrors)}`);
    console.log(`  page transfer (HTML + RSC + JSON): ${kb(pageBytes(transfer))} (HTML ${kb(transfer.document)}, RSC ${kb(transfer.rsc)}, JSON ${kb(transfer.json)}); static JS ${kb(transfer.scripts)}, CSS ${kb(transfer.styles)}, other ${kb(transfer.other)}; ${transfer.requests} requests`);
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  }
}

/** Until the app's snapshot lists at least `groups` groups (its collector's first samples). */
async function waitForGroups(url: string, cluster: string, groups: number) {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${url}/api/clusters/${encodeURIComponent(cluster)}/groups?pageSize=1`).catch(() => null);
    if (response?.status === 200 && ((await response.json()) as { total: number }).total >= groups) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`the app did not list ${groups} groups within 300 s`);
}

await main();
