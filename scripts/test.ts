/**
 * `npm test`: every test, on the real stack, from a fresh clone.
 *   1. Prisma client generation and a type check
 *   2. unit tests (vitest, pure logic)
 *   3. a throwaway Kafka broker (KRaft, port 39092, fresh data dir) and a throwaway PostgreSQL database
 *   4. the production build of the app, started against them with a fast collector (1 s)
 *   5. the demo catalog and the traffic simulator, so pages show a living system
 *   6. integration tests (vitest, real broker + database + app API)
 *   7. browser tests (Playwright in Debian's Chromium)
 *   8. resilience tests (stop the broker, watch the app degrade and recover)
 * Keycloak (the local OpenID provider) starts beside the broker when sign-in tests are selected.
 * Everything started here is stopped at the end, also on failure or Ctrl-C.
 * Ends with one line "N passed, N failed". Flags: --only=unit|integration|e2e|resilience (repeatable), --no-build,
 * --files=SUBSTRING (repeatable: only test files whose path contains it, for vitest and Playwright alike).
 * TEST_STACK_SLOT=1..9 moves ports and folders so that several runs can share one machine.
 */
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./lib/kafka-dist";
import { onStopSignal } from "./lib/stop-signals";
import { startKafka, stopKafka } from "./lib/local-kafka";
import { buildApp, runForeground, startApp, type RunningApp } from "./lib/app-process";
import { addCounts, failedStageCounts, readPlaywrightCounts, readVitestCounts, type Counts } from "./lib/test-summary";
import { createTestDatabase, type TestDatabase } from "../tests/support/test-database";
import { generatePrismaClient } from "./lib/prisma-generate";
import { startKeycloak, type RunningKeycloak } from "./lib/keycloak";
import { JAVA_21_HINT, findKeycloakJavaHome } from "./lib/keycloak-dist";

// TEST_STACK_SLOT=N (0–9) moves ports, data and build folders so that several runs can share a machine.
const slot = Number(process.env.TEST_STACK_SLOT ?? 0);
if (!Number.isInteger(slot) || slot < 0 || slot > 9) throw new Error(`TEST_STACK_SLOT must be 0–9 (got ${process.env.TEST_STACK_SLOT})`);
const suffix = slot === 0 ? "" : `-${slot}`;
const KAFKA_PORT = 39092 + 10 * slot;
const APP_PORT = 3100 + slot;
const kafkaDataDir = path.join(repoRoot, ".data", `test-kafka${suffix}`);
const resultsDir = path.join(repoRoot, `test-results${suffix}`);
const npx = (bin: string) => path.join(repoRoot, "node_modules", ".bin", bin);
// The app under test is built into its own folder, so a demo running from .next is left alone.
const distDir = `.next-test${suffix}`;
process.env.NEXT_DIST_DIR = distDir;
// The shared app runs without sign-in (every suite but the sign-in ones acts as the local admin);
// the sign-in tests start their own apps in oidc and proxy mode. Inherited by every app started here.
process.env.AUTH_MODE ??= "none";
process.env.AUTH_ALLOW_NONE ??= "1";
// Keycloak and the sign-in tests' own apps: ports of this slot's 41000 + 100·slot range.
const KEYCLOAK_PORT = 41080 + 100 * slot;
const AUTH_APP_PORTS = [41082 + 100 * slot, 41083 + 100 * slot];

const only = process.argv.filter((arg) => arg.startsWith("--only=")).map((arg) => arg.slice("--only=".length));
const wants = (stage: string) => only.length === 0 || only.includes(stage);
const fileFilters = process.argv.filter((arg) => arg.startsWith("--files=")).map((arg) => arg.slice("--files=".length));
const needsStack = ["integration", "e2e", "resilience"].some(wants);

const cleanups: (() => Promise<unknown>)[] = [];
const failures: string[] = [];
const counts: (Counts | null)[] = [];

async function stage(name: string, run: () => Promise<void>): Promise<void> {
  const started = Date.now();
  const reportsBefore = counts.length;
  console.log(`\n=== ${name}`);
  try {
    await run();
    console.log(`=== ${name}: ok (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  } catch (error) {
    failures.push(name);
    counts.push(failedStageCounts(counts.slice(reportsBefore)));
    console.log(`=== ${name}: FAILED (${((Date.now() - started) / 1000).toFixed(1)}s): ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A stage whose failure makes the rest meaningless (the stack could not start). */
async function setup<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  console.log(`\n--- ${name}`);
  const result = await run();
  console.log(`--- ${name}: ready (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  return result;
}

async function vitest(project: string, env: Record<string, string | undefined>) {
  const report = path.join(resultsDir, `${project}.json`);
  rmSync(report, { force: true });
  try {
    await runForeground(
      npx("vitest"),
      ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...(fileFilters.length > 0 ? ["--passWithNoTests", ...fileFilters] : [])],
      { ...process.env, ...env },
    );
  } finally {
    counts.push(readVitestCounts(report));
  }
}

async function main() {
  mkdirSync(resultsDir, { recursive: true });
  await setup("prisma client", async () => generatePrismaClient());
  await stage("typecheck", () => runForeground(npx("tsc"), ["--noEmit", "-p", "."]));
  if (wants("unit")) await stage("unit tests", () => vitest("unit", {}));
  if (!needsStack) return;

  rmSync(kafkaDataDir, { recursive: true, force: true });
  const kafka = await setup("kafka broker", () => startKafka({ port: KAFKA_PORT, dataDir: kafkaDataDir }));
  cleanups.push(() => stopKafka({ dataDir: kafkaDataDir }));
  const brokers = kafka.brokerAddress;

  // Keycloak takes a minute or two to start: it starts now and is awaited before the tests that use it.
  let wantsSignIn = (wants("e2e") || wants("integration")) && (fileFilters.length === 0 || fileFilters.some((filter) => filter.includes("auth")));
  if (wantsSignIn && !findKeycloakJavaHome()) {
    // Debian 12 packages no Java 21: the OpenID tests are skipped (and counted as skipped), not failed.
    console.log(`\n!!! No Java 21+ on this machine: Keycloak cannot start and the OpenID sign-in tests are SKIPPED. ${JAVA_21_HINT}`);
    wantsSignIn = false;
  }
  const keycloakStarting: Promise<RunningKeycloak> | null = wantsSignIn
    ? startKeycloak({
        name: `test${suffix}`,
        port: KEYCLOAK_PORT,
        managementPort: KEYCLOAK_PORT + 1,
        appOrigins: AUTH_APP_PORTS.map((port) => `http://127.0.0.1:${port}`),
        logFile: path.join(resultsDir, "keycloak.log"),
      })
    : null;
  keycloakStarting?.catch(() => undefined);
  cleanups.push(async () => (await keycloakStarting?.catch(() => null))?.stop());

  const database: TestDatabase = await setup("postgresql database", () => createTestDatabase());
  cleanups.push(() => database.drop());

  const appEnv = {
    KAFKA_BROKERS: brokers,
    DATABASE_URL: database.url,
    COLLECTOR_INTERVAL_MS: "1000",
    // The window must span more than one of the demo consumers' 5 s auto-commits.
    COLLECTOR_WINDOW_SAMPLES: "12",
    // A route's response that does not match its zod schema is a 500 here (logged only in production).
    TRIBUTARY_STRICT_RESPONSES: "1",
  };
  if (!process.argv.includes("--no-build") || !existsSync(path.join(repoRoot, distDir, "BUILD_ID"))) {
    await setup("next build", () => buildApp());
  }
  await setup("demo catalog and traffic", async () => {
    // Imported only now: it needs the Prisma client generated in the first step.
    const { seedDemoCatalog } = await import("./seed");
    await seedDemoCatalog({ databaseUrl: database.url });
    const { startSimulator } = await import("./simulator/simulator");
    const simulator = await startSimulator({ brokers: [brokers] });
    cleanups.unshift(() => simulator.stop());
  });
  const app: RunningApp = await setup("web app", () =>
    startApp({ port: APP_PORT, hostname: "127.0.0.1", env: appEnv, logFile: path.join(resultsDir, "app.log") }),
  );
  cleanups.unshift(() => app.stop());

  const testEnv = {
    TEST_APP_URL: app.url,
    TEST_RESULTS_DIR: resultsDir,
    TEST_KAFKA_BROKERS: brokers,
    TEST_KAFKA_PORT: String(KAFKA_PORT),
    TEST_KAFKA_DATA_DIR: kafkaDataDir,
    TEST_APP_DATABASE_URL: database.url,
    TEST_COLLECTOR_INTERVAL_MS: appEnv.COLLECTOR_INTERVAL_MS,
    TEST_COLLECTOR_WINDOW_SAMPLES: appEnv.COLLECTOR_WINDOW_SAMPLES,
    TEST_AUTH_APP_PORTS: AUTH_APP_PORTS.join(","),
    TEST_KEYCLOAK_URL: keycloakStarting ? (await setup("keycloak", () => keycloakStarting)).url : undefined,
  };
  if (wants("integration")) await stage("integration tests", () => vitest("integration", testEnv));
  if (wants("e2e")) {
    const report = path.join(resultsDir, "e2e.json");
    rmSync(report, { force: true });
    await stage("browser tests", async () => {
      try {
        await runForeground(npx("playwright"), ["test", ...fileFilters], { ...process.env, ...testEnv });
      } finally {
        counts.push(readPlaywrightCounts(report));
      }
    });
  }
  // Last: it stops and restarts the shared broker.
  if (wants("resilience")) await stage("resilience tests", () => vitest("resilience", testEnv));
}

async function cleanUp() {
  for (const cleanup of cleanups.splice(0)) {
    await cleanup().catch((error: unknown) => console.warn(`cleanup: ${String(error)}`));
  }
}

let interrupted = false;
onStopSignal((signal) => {
  interrupted = true;
  console.log(`\n${signal}: stopping everything this run started…`);
  void cleanUp().then(() => process.exit(130));
});

let exitCode = 0;
try {
  await main();
} catch (error) {
  console.error(`\nThe test stack could not be set up: ${error instanceof Error ? error.message : String(error)}`);
  failures.push("setup");
  counts.push(failedStageCounts([]));
  exitCode = 1;
} finally {
  if (!interrupted) await cleanUp();
}
const total = addCounts(counts);
if (failures.length > 0) {
  exitCode = 1;
  console.log(`\nFailed stages: ${failures.join(", ")}`);
}
if (total.failed > 0) exitCode = 1;
console.log(`\n${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
process.exit(exitCode);
