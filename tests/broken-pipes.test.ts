// Integration (real processes): a web replica and a collector whose stdout and stderr lose their
// reader, as when a log shipper restarts or the parent is killed -9, and then have something to
// log: their PostgreSQL database is dropped under them. Before lib/broken-pipes.ts the replica
// spun in Next.js's uncaught-exception handler (each failed log line logged again) and stopped
// answering; the collector exited.
import { afterAll, describe, expect, it } from "vitest";
import type { RunningApp } from "@/scripts/lib/app-process";
import { readProcessTree } from "@/scripts/lib/bench-measure";
import { createTestDatabase, type TestDatabase } from "./support/test-database";
import { pollUntil, sleep, stack } from "./support/live-stack";
import { slotPort } from "./support/own-app";
import { startCollectorProcess, startWebReplica, type CollectorProcess } from "./support/service-processes";

const REPLICA_PORT = slotPort(50);
const COLLECTOR_HEALTH_PORT = slotPort(51);
/** How long both are watched once they have had something to log. */
const WATCH_MS = 8_000;

let database: TestDatabase | null = null;
let collector: CollectorProcess | null = null;
let replica: RunningApp | null = null;

afterAll(async () => {
  await collector?.kill9();
  await replica?.stop();
  await database?.drop();
});

async function status(url: string): Promise<{ status: number; body: any } | string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return { status: response.status, body: await response.json() };
  } catch (error) {
    return String(error);
  }
}

/** CPU seconds per second (1 = a whole core) of each process over `ms`. */
async function cpuOver(pids: number[], ms: number): Promise<number[]> {
  const before = pids.map((pid) => readProcessTree(pid).cpuSeconds);
  await sleep(ms);
  return pids.map((pid, index) => (readProcessTree(pid).cpuSeconds - before[index]!) / (ms / 1000));
}

describe("a server whose stdout and stderr are gone", () => {
  it("keeps answering its health endpoint, without spinning, when it has something to log", async () => {
    database = await createTestDatabase();
    const env = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: stack.brokers,
      KAFKA_CLUSTER_NAME: "pipes",
      COLLECTOR_INTERVAL_MS: "1000",
      COLLECTOR_LEASE_MS: "1000",
      AUTH_MODE: "none",
      AUTH_ALLOW_NONE: "1",
    };
    collector = startCollectorProcess({ ...env, COLLECTOR_HEALTH_PORT: String(COLLECTOR_HEALTH_PORT) });
    replica = await startWebReplica(REPLICA_PORT, env, "broken-pipes-replica");
    const replicaHealth = `${replica.url}/api/health`;
    const collectorHealth = `http://127.0.0.1:${COLLECTOR_HEALTH_PORT}/readyz`;
    let last: unknown;
    await pollUntil(
      "the collector to be ready and the replica healthy",
      async () => {
        const [web, own] = await Promise.all([status(replicaHealth), status(collectorHealth)]);
        last = [web, own];
        return typeof web !== "string" && web.status === 200 && typeof own !== "string" && own.status === 200 ? true : undefined;
      },
      { timeoutMs: 60_000, describeLast: () => last },
    );

    replica.process.stdout!.destroy();
    replica.process.stderr!.destroy();
    collector.closeOutput();
    // The replica's LISTEN connection ends and its reconnects fail every 2 s; the collector's
    // lease renewals fail every interval. Each says so in its log.
    await database.drop();
    const [webCpu, collectorCpu] = await cpuOver([replica.process.pid!, collector.pid], WATCH_MS);

    expect(replica.process.exitCode).toBeNull();
    // The collector's own connections end with its database: each must be given up, not left to
    // throw (lib/collector/service/lease.ts, runOnPool), or the process exits with code 1.
    expect(collector.ended()).toBeNull();
    const web = await status(replicaHealth);
    expect(web).toMatchObject({ status: 503, body: { role: "web", database: { ok: false } } });
    const own = await status(`http://127.0.0.1:${COLLECTOR_HEALTH_PORT}/healthz`);
    expect(own).toMatchObject({ status: 200, body: { role: "collector" } });
    // Not spinning: the loop this guards against kept a whole core busy (an idle replica uses 1–2% of one).
    expect(webCpu).toBeLessThan(0.5);
    expect(collectorCpu).toBeLessThan(0.5);
  }, 180_000);
});
