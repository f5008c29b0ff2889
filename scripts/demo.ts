/**
 * `npm run demo`: everything a newcomer needs, from a fresh clone, in one command.
 *   - a local single-node Kafka (KRaft, jars from Maven Central) unless KAFKA_BROKERS points elsewhere
 *   - the database migrated and seeded with the demo catalog (PGlite under .data/ unless DATABASE_URL)
 *   - the traffic simulator of a small shop's services
 *   - Keycloak (the identity provider, from Maven Central; Java 21+) with demo users per role, and
 *     the web app signing in through it (AUTH_MODE=oidc). Without a Java 21+, the app runs with
 *     sign-in off (AUTH_MODE=none) and says so.
 *   - the web app, built and started on http://localhost:3000 (PORT to change)
 * Ctrl-C stops all of it. PORT changes the web port, KEYCLOAK_PORT Keycloak's (default 8180).
 */
import path from "node:path";
import { repoRoot } from "./lib/kafka-dist";
import { onStopSignal } from "./lib/stop-signals";
import { startKafka, stopKafka } from "./lib/local-kafka";
import { buildApp, startApp } from "./lib/app-process";
import { generatePrismaClient } from "./lib/prisma-generate";
import { applyMigrations } from "./lib/migrate";
import {
  KEYCLOAK_CLIENT_ID, KEYCLOAK_CLIENT_SECRET, KEYCLOAK_DEMO_USERS, KEYCLOAK_GROUP_MAPPING, KEYCLOAK_TEAM_GROUPS, startKeycloak, type RunningKeycloak,
} from "./lib/keycloak";

const port = Number(process.env.PORT ?? 3000);
const keycloakPort = Number(process.env.KEYCLOAK_PORT ?? 8180);
const databaseUrl = process.env.DATABASE_URL || undefined;
const pgliteDir = process.env.PGLITE_DIR ?? path.join(repoRoot, ".data", "pglite");
const started = Date.now();
const stops: { name: string; stop: () => Promise<unknown> }[] = [];

/** Between start-up steps: after Ctrl-C, start nothing more. */
function checkpoint() {
  if (stopping) throw new Error("stopping");
}

const step = (message: string) => console.log(`[demo ${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s] ${message}`);

async function main() {
  step("generating the Prisma client");
  generatePrismaClient();

  checkpoint();
  // The build needs only the generated client: it runs beside everything below (on this machine
  // kind, two cores, it is the longest step) and is awaited just before the web app starts.
  step("building the web app, beside the steps below");
  const building = buildApp();
  building.catch(() => undefined); // awaited below; until then a failure must not go unhandled

  checkpoint();
  // Keycloak takes a minute or two: it starts now and is awaited just before the web app.
  step(`starting Keycloak on port ${keycloakPort} (the first run fetches it from Maven Central)`);
  const keycloakStarting = startKeycloak({
    name: "demo",
    port: keycloakPort,
    managementPort: keycloakPort + 1,
    appOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`],
    logFile: path.join(repoRoot, ".data", "demo-keycloak.log"),
  });
  keycloakStarting.then((keycloak) => onStop("Keycloak", () => keycloak.stop())).catch(() => undefined);

  let brokers = process.env.KAFKA_BROKERS;
  if (brokers) {
    step(`using the Kafka cluster at ${brokers} (KAFKA_BROKERS)`);
  } else {
    step("starting the local Kafka broker (the first run fetches its jars from Maven Central)");
    const kafka = await startKafka({});
    brokers = kafka.brokerAddress;
    onStop("Kafka broker", () => stopKafka({ dataDir: kafka.dataDir }));
    step(`Kafka ${kafka.alreadyRunning ? "was already running" : "started"} at ${brokers} (data in ${path.relative(repoRoot, kafka.dataDir)})`);
  }

  checkpoint();
  step(databaseUrl ? "migrating PostgreSQL (DATABASE_URL)" : `migrating the embedded database in ${path.relative(repoRoot, pgliteDir)}`);
  await applyMigrations(databaseUrl ? { databaseUrl } : { pgliteDir });
  // Imported only now: it needs the Prisma client generated above (a fresh clone has none).
  const { seedDemoCatalog } = await import("./seed");
  step(await seedDemoCatalog({ databaseUrl, pgliteDir }));
  await linkDemoTeamsToKeycloakGroups();

  checkpoint();
  const { startSimulator } = await import("./simulator/simulator");
  const simulator = await startSimulator({ brokers: brokers.split(",") });
  onStop("traffic simulator", () => simulator.stop());
  step("traffic simulator running: orders, payments, inventory, fraud-detection (slow), shipping, notifications, analytics (stopped)");

  checkpoint();
  step("waiting for the web app's build");
  await building;
  checkpoint();
  const keycloak = await keycloakStarting.catch((error: unknown) => {
    step(`Keycloak could not start, so sign-in is OFF for this demo: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  });
  checkpoint();
  const app = await startApp({
    port,
    env: { KAFKA_BROKERS: brokers, PGLITE_DIR: pgliteDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), ...signInEnv(keycloak) },
    logFile: path.join(repoRoot, ".data", "demo-app.log"),
  });
  onStop("web app", () => app.stop());
  checkpoint();

  console.log(`
  Tributary is running: http://localhost:${port}
    Kafka      ${brokers}
    Database   ${databaseUrl ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${path.relative(repoRoot, pgliteDir)}`}
    Sign-in    ${keycloak ? `Keycloak at ${keycloak.url} (users: ${KEYCLOAK_DEMO_USERS.map((user) => `${user.username}/${user.password}`).join(", ")})` : "OFF (AUTH_MODE=none): no Java 21+ for Keycloak"}
    App log    .data/demo-app.log
  Started in ${((Date.now() - started) / 1000).toFixed(0)}s. Press Ctrl-C to stop everything.
`);
  app.process.once("exit", (code) => {
    console.error(`the web app exited (code ${code}); see .data/demo-app.log`);
    void shutdown(1);
  });
}

/** The app's sign-in settings: oidc against the demo Keycloak, or sign-in off when it could not start. */
function signInEnv(keycloak: RunningKeycloak | null): Record<string, string> {
  if (!keycloak) return { AUTH_MODE: "none", AUTH_ALLOW_NONE: "1" };
  return {
    AUTH_MODE: "oidc",
    AUTH_BASE_URL: `http://localhost:${port}`,
    OIDC_ISSUER: keycloak.issuer,
    OIDC_CLIENT_ID: KEYCLOAK_CLIENT_ID,
    OIDC_CLIENT_SECRET: KEYCLOAK_CLIENT_SECRET,
    ...KEYCLOAK_GROUP_MAPPING,
    AUTH_DEMO_USERS_HINT: KEYCLOAK_DEMO_USERS.map((user) => `${user.username} / ${user.password} — ${user.role}`).join("; "),
  };
}

/** Each demo team records its Keycloak group (what an admin sets on a real team), so editors edit their own team's services. */
async function linkDemoTeamsToKeycloakGroups() {
  // Imported only now, like the seed: it needs the Prisma client generated at start (a fresh clone has none).
  const { createPrismaClient } = await import("@/lib/db-client");
  const { client, close } = createPrismaClient({ databaseUrl, pgliteDir });
  try {
    for (const [slug, group] of Object.entries(KEYCLOAK_TEAM_GROUPS)) await client.team.updateMany({ where: { slug }, data: { providerGroup: group } });
  } finally {
    await close();
  }
}

let stopping = false;
const lateStops: Promise<unknown>[] = [];

/** Stopped last-started first; once shutting down, whatever a start-up step still brings up is stopped at once. */
function onStop(name: string, stop: () => Promise<unknown>) {
  if (!stopping) {
    stops.unshift({ name, stop });
    return;
  }
  step(`stopping ${name}`);
  lateStops.push(stop().catch((error: unknown) => console.warn(`  could not stop ${name}: ${String(error)}`)));
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  for (const { name, stop } of stops.splice(0)) {
    step(`stopping ${name}`);
    await stop().catch((error: unknown) => console.warn(`  could not stop ${name}: ${String(error)}`));
  }
  // Ctrl-C in the middle of start-up: let the step in progress finish or fail, so nothing it
  // starts is left running after this process exits.
  await Promise.race([starting, new Promise((resolve) => setTimeout(resolve, 90_000).unref())]);
  await Promise.all(lateStops);
  process.exit(code);
}

onStopSignal(() => void shutdown(0));
const starting = main().catch((error: unknown) => {
  if (stopping) return; // a start-up step failed because we are stopping
  console.error(`\nThe demo could not start: ${error instanceof Error ? error.message : String(error)}`);
  void shutdown(1);
});
