// An app process of a test file's own (`next start`, role all) on its own throwaway database,
// pointed at a Kafka cluster the test started itself: for tests that need brokers other than the
// shared one (three brokers, a secured listener). Ports come from the run's slot range
// (41000 + 100·slot …), so parallel runs on one machine never meet.
import path from "node:path";
import { repoRoot } from "@/scripts/lib/kafka-dist";
import { startApp, type RunningApp } from "@/scripts/lib/app-process";
import { createTestDatabase, type TestDatabase } from "./test-database";

const slot = Number(process.env.TEST_STACK_SLOT ?? 0);

/** A port of this run's range for extra services: 41000 + 100·slot + offset (offset 0–99). */
export function slotPort(offset: number): number {
  if (!Number.isInteger(offset) || offset < 0 || offset > 99) throw new Error(`port offset ${offset} is outside 0–99`);
  return 41_000 + 100 * slot + offset;
}

/** A data directory of this run for a test's own Kafka: .data/test-kafka[-slot]-<name>. */
export function slotDataDir(name: string): string {
  return path.join(repoRoot, ".data", `test-kafka${slot === 0 ? "" : `-${slot}`}-${name}`);
}

export type OwnApp = {
  url: string;
  getJson<T = any>(urlPath: string): Promise<{ status: number; body: T }>;
  getText(urlPath: string): Promise<{ status: number; text: string }>;
  stop(): Promise<void>;
};

/** Starts the built app (the build `npm test` made) with a fast collector and sign-in off. */
export async function startOwnApp(options: { name: string; port: number; env: Record<string, string> }): Promise<OwnApp> {
  const database: TestDatabase = await createTestDatabase();
  let app: RunningApp;
  try {
    app = await startApp({
      port: options.port,
      hostname: "127.0.0.1",
      logFile: path.join(process.env.TEST_RESULTS_DIR ?? path.join(repoRoot, "test-results"), `${options.name}.log`),
      env: {
        DATABASE_URL: database.url,
        COLLECTOR_INTERVAL_MS: "1000",
        COLLECTOR_WINDOW_SAMPLES: "12",
        TRIBUTARY_ROLE: "all",
        TRIBUTARY_STRICT_RESPONSES: "1",
        AUTH_MODE: "none",
        AUTH_ALLOW_NONE: "1",
        METRICS_PUBLIC: "1",
        // The app must find the test's CA through the clusters file only, never the environment.
        NODE_EXTRA_CA_CERTS: undefined as unknown as string,
        KAFKA_BROKERS: undefined as unknown as string,
        KAFKA_CLUSTERS_FILE: undefined as unknown as string,
        ...options.env,
      },
    });
  } catch (error) {
    await database.drop();
    throw error;
  }
  const fetchFrom = (urlPath: string) => fetch(`${app.url}${urlPath}`, { signal: AbortSignal.timeout(20_000) });
  return {
    url: app.url,
    async getJson(urlPath) {
      const response = await fetchFrom(urlPath);
      return { status: response.status, body: await response.json() };
    },
    async getText(urlPath) {
      const response = await fetchFrom(urlPath);
      return { status: response.status, text: await response.text() };
    },
    async stop() {
      await app.stop();
      await database.drop();
    },
  };
}
