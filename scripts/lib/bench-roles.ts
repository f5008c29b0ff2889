// The process roles under load (issue 12): a collector process (`npm run collector`'s command) and
// web replicas (`next start` in role web) on a throwaway PostgreSQL database, against a cluster the
// bench has shaped. Measures what each process costs and how the list APIs answer while the
// collector works: the collector no longer shares the web server's event loop.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { repoRoot } from "./kafka-dist";
import { startApp, type RunningApp } from "./app-process";
import { measureInterleaved, measureLatency, median, readProcessTree, type Latency } from "./bench-measure";
import { createTestDatabase } from "../../tests/support/test-database";
import { collectorEnv, collectorNodeArgs } from "./collector-command";

/** CPU over a window, the highest RSS read in it (what the targets judge) and the RSS at its end. */
export type ProcessFigures = { cpuPercent: number; rssMb: number; rssEndMb: number };

export type SettledFigures = {
  collector: ProcessFigures;
  replica: ProcessFigures;
  /** Live alerts when the window starts (all firing when settled). */
  firing: number;
  pending: number;
  /** Seconds from the first published snapshot to the start of this window. */
  startedAfterSeconds: number;
  /** False when the alerts were still changing at the wait's end (measured anyway). */
  settled: boolean;
};

/** The first window starts this long after the collector's first published snapshot (or once the first replica answers, if later). */
const FIRST_WINDOW_AFTER_MS = 20_000;

/** How long the bench waits for the alerts to settle before it measures anyway. */
const SETTLE_TIMEOUT_MS = 300_000;

/** When the first window ran: it is meant to end before the collector opens its alerts, and says whether it did. */
export type FirstWindow = {
  /** Seconds from the first published snapshot to the start of the window. */
  startedAfterSeconds: number;
  /** Live alerts (pending or firing) at its start and at its end. */
  alertsAtStart: number;
  alertsAtEnd: number;
};

export type RoleFigures<Page> = {
  /** sampleDurationMs of the snapshots the collector published while measured. */
  snapshotMs: { median: number; max: number; samples: number };
  collector: ProcessFigures;
  replicaIdle: ProcessFigures;
  firstWindow: FirstWindow;
  /** "route|mode" → latency on one replica (route: topics, groups, floor = /api/clusters). */
  latency: Record<string, Latency>;
  /** The groups list in a closed loop against two replicas (clients split between them). */
  twoReplicas: Latency;
  /**
   * The collector and the first replica again, once the alerts have settled: the first window ends
   * before a cluster of stopped groups has opened its alerts (each group's status window fills
   * first), and from then on every sample evaluates them all.
   */
  settled: SettledFigures;
  /** What `measurePage` measured on the first replica. */
  page: Page;
};

export type RoleBenchOptions = {
  brokers: string;
  intervalMs: number;
  intervals: number;
  clients: number;
  requests: number;
  /** Two free ports for the replicas. */
  ports: [number, number];
  logDir: string;
  log: (message: string) => void;
};

/** /api/clusters answers from configuration alone: what any route handler costs (the floor under the lists). */
export const FLOOR = "floor";
const ROUTES = { topics: "/api/clusters/local/topics", groups: "/api/clusters/local/groups", [FLOOR]: "/api/clusters" };
/** Collector intervals each route is polled for, one per round of the interleaved polling. */
const POLLED_INTERVALS = 3;
/**
 * Rounds of the interleaved closed loops: 250 requests of a route a round with the default 6,000, about half a second,
 * so that a collector's sample (with the replicas loading what it publishes, ~1 s of work on the two cores) spans the
 * rounds of more than one route. In 8 rounds of 1.5–2 s, a sample fell within one route's round, and where the 3–4
 * samples of a loop fell set the lists' ratios to the floor: by hand, four loops each way on one replica at 10,000
 * groups read groups 0.85–0.92× and topics 0.84–0.97× in 8 rounds, 0.91–0.94× and 0.90–0.95× in 24 (BENCHMARKS.md,
 * "Finer rounds in the closed loops, by hand (stop 53)").
 */
const CLOSED_LOOP_SLICES = 24;

export async function measureRoles<Page>(options: RoleBenchOptions, measurePage: (url: string) => Promise<Page>): Promise<RoleFigures<Page>> {
  const database = await createTestDatabase();
  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  const env = {
    DATABASE_URL: database.url,
    KAFKA_BROKERS: options.brokers,
    KAFKA_CLUSTER_NAME: "local",
    COLLECTOR_INTERVAL_MS: String(options.intervalMs),
    AUTH_MODE: "none",
    AUTH_ALLOW_NONE: "1",
  };
  let collector: ChildProcess | null = null;
  const replicas: RunningApp[] = [];
  // Ctrl-C ends the bench with process.exit, which skips the finally below: take the processes along.
  const killAll = () => {
    collector?.kill("SIGKILL");
    for (const replica of replicas) replica.process.kill("SIGKILL");
  };
  process.once("exit", killAll);
  try {
    collector = spawn(process.execPath, collectorNodeArgs(), {
      cwd: repoRoot,
      env: collectorEnv({ ...process.env, ...env, TRIBUTARY_ROLE: "collector", COLLECTOR_HEALTH_PORT: "0" }),
      stdio: ["ignore", "ignore", "inherit"],
    });
    options.log("waiting for the collector's first published snapshot");
    await waitFor(async () => (await sql.query(`SELECT 1 FROM "CollectorSnapshot" WHERE "sampledAt" IS NOT NULL`)).rowCount === 1, 300_000);
    const firstPublished = Date.now();
    const startReplica = async (index: number) => {
      const replica = await startApp({
        port: options.ports[index]!, hostname: "127.0.0.1", env: { ...env, TRIBUTARY_ROLE: "web" }, logFile: path.join(options.logDir, `bench-replica-${index + 1}.log`),
      });
      replicas.push(replica);
      await waitFor(async () => (await fetch(replica.url + ROUTES.groups)).status === 200, 120_000);
    };
    // The second replica starts after the first window, so that no replica's start-up runs on the same
    // two cores while the idle figures are taken. The window starts at a fixed time after the first
    // snapshot (it was ~20 s when both replicas started first, and so varied with their start-up): the
    // collector's first samples run before V8 has optimized its code (at 15,000 partitions the second
    // sample took ~1.5× the CPU of the sixth), a start-up cost, not the steady one the window is for.
    // It must end before the status windows fill and the collector opens its alerts (at 10,000 groups,
    // 30,000 opened in one sample cost ~0.8 s of its CPU): the live alerts at its end say whether it did.
    await startReplica(0);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstPublished + FIRST_WINDOW_AFTER_MS - Date.now())));

    options.log(`collector and an idle replica over ${options.intervals} intervals`);
    const since = Date.now();
    const firstWindowStart = (Date.now() - firstPublished) / 1000;
    const alertsAtStart = await liveAlerts(sql);
    const [collectorCost, replicaCost] = await measureTogether([collector.pid!, replicas[0]!.process.pid!], options.intervals * options.intervalMs);
    const firstWindow: FirstWindow = { startedAfterSeconds: firstWindowStart, alertsAtStart, alertsAtEnd: await liveAlerts(sql) };
    options.log(`  from ${firstWindowStart.toFixed(0)} s after the first snapshot; live alerts ${firstWindow.alertsAtStart} at the start, ${firstWindow.alertsAtEnd} at the end`);
    const durations = await publishedDurations(replicas[0]!.url, since, Math.min(options.intervals, 5), options.intervalMs);
    await startReplica(1);
    // Next.js goes on loading its routes for seconds after it first answers: the latencies below are
    // measured once the new replica is quiet, not while its start-up shares the two cores with them.
    await untilQuiet(replicas[1]!.process.pid!);

    options.log("groups page in Chromium");
    const page = await measurePage(replicas[0]!.url);
    const single: Record<string, Latency> = {};
    const logLatency = (name: string, mode: string, result: Latency) =>
      options.log(`  GET ${ROUTES[name as keyof typeof ROUTES]}, ${mode}: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, ${result.perSecond.toFixed(0)} req/s, ${result.errors} errors`);
    const polled = `${options.clients} clients polling every 1 s`;
    const closedLoop = `${options.clients} clients, closed loop`;
    const urls = Object.fromEntries(Object.entries(ROUTES).map(([name, route]) => [name, replicas[0]!.url + route]));
    for (const [name, url] of Object.entries(urls)) {
      await measureLatency(url, { clients: options.clients, total: 200 }); // warm-up
      single[name] = await measureLatency(url, { clients: 1, total: 200 });
      logLatency(name, "1 client", single[name]);
    }
    // Polled for POLLED_INTERVALS collector intervals each, interleaved one interval at a time, so
    // that the samples a replica loads in that time (50-160 ms of its CPU each at 10,000 groups) and
    // the collector's busier first minutes weigh alike in every route's figures (measureInterleaved).
    const polledRuns = await measureInterleaved(urls, {
      clients: options.clients,
      total: options.clients * POLLED_INTERVALS * (options.intervalMs / 1000),
      slices: POLLED_INTERVALS,
      paceMs: 1000,
    });
    // The closed loops interleaved too, as their ratio to the floor is what is judged.
    const closed = await measureInterleaved(urls, { clients: options.clients, total: options.requests, slices: CLOSED_LOOP_SLICES });
    const latency: Record<string, Latency> = {};
    for (const name of Object.keys(ROUTES)) {
      latency[`${name}|1 client`] = single[name]!;
      latency[`${name}|${polled}`] = polledRuns[name]!;
      latency[`${name}|${closedLoop}`] = closed[name]!;
      logLatency(name, `${polled} (interleaved)`, polledRuns[name]!);
      logLatency(name, `${closedLoop} (interleaved)`, closed[name]!);
    }
    options.log("groups list, closed loop, two replicas");
    const halves = await Promise.all(
      replicas.map((replica) => measureLatency(replica.url + ROUTES.groups, { clients: options.clients / 2, total: options.requests / 2 })),
    );
    const twoReplicas = combine(halves);

    options.log("waiting for the alerts to settle (none pending, the same number firing one interval apart)");
    const alerts = await settledAlerts(sql, options.intervalMs);
    options.log(`  ${alerts.settled ? "settled" : "still changing after 5 min, measured anyway"}: ${alerts.firing} firing, ${alerts.pending} pending`);
    const startedAfterSeconds = (Date.now() - firstPublished) / 1000;
    const [settledCollector, settledReplica] = await measureTogether([collector.pid!, replicas[0]!.process.pid!], options.intervals * options.intervalMs);
    return {
      snapshotMs: { median: median(durations), max: Math.max(...durations), samples: durations.length },
      collector: collectorCost!,
      replicaIdle: replicaCost!,
      firstWindow,
      latency,
      twoReplicas,
      page,
      settled: { collector: settledCollector!, replica: settledReplica!, ...alerts, startedAfterSeconds },
    };
  } finally {
    process.off("exit", killAll);
    await Promise.allSettled(replicas.map((replica) => replica.stop()));
    collector?.kill("SIGTERM");
    await sql.end().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    collector?.kill("SIGKILL");
    await database.drop();
  }
}

/**
 * CPU (% of one core), the highest RSS (MB, read every 500 ms) and the RSS at the end of each
 * process tree over the same window. The end tells memory kept from memory a collection had not
 * yet given back when the window started (a replica's heap right after the closed loops).
 */
async function measureTogether(pids: number[], durationMs: number): Promise<ProcessFigures[]> {
  const before = pids.map(readProcessTree);
  const rssMax = pids.map(() => 0);
  const started = performance.now();
  while (performance.now() - started < durationMs) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    pids.forEach((pid, index) => (rssMax[index] = Math.max(rssMax[index]!, readProcessTree(pid).rssBytes)));
  }
  const seconds = (performance.now() - started) / 1000;
  return pids.map((pid, index) => {
    const after = readProcessTree(pid);
    return {
      cpuPercent: ((after.cpuSeconds - before[index]!.cpuSeconds) / seconds) * 100,
      rssMb: Math.max(rssMax[index]!, after.rssBytes) / 1024 / 1024,
      rssEndMb: after.rssBytes / 1024 / 1024,
    };
  });
}

/** Waits until the process tree used under 5% of a core over 2 s (at most 60 s). */
async function untilQuiet(pid: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const before = readProcessTree(pid).cpuSeconds;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    if (readProcessTree(pid).cpuSeconds - before < 0.1) return;
  }
}

/** Live alerts (those with an activeKey) by state. */
async function alertCounts(sql: pg.Client): Promise<{ firing: number; pending: number }> {
  const { rows } = await sql.query<{ firing: number; pending: number }>(
    `SELECT count(*) FILTER (WHERE "state" = 'firing')::int AS "firing", count(*) FILTER (WHERE "state" = 'pending')::int AS "pending"
     FROM "Alert" WHERE "activeKey" IS NOT NULL`,
  );
  return rows[0]!;
}

/** Alerts pending or firing. */
async function liveAlerts(sql: pg.Client): Promise<number> {
  const { firing, pending } = await alertCounts(sql);
  return firing + pending;
}

/** Waits until no alert is pending and as many fire as an interval before (or SETTLE_TIMEOUT_MS passes). */
async function settledAlerts(sql: pg.Client, intervalMs: number): Promise<{ firing: number; pending: number; settled: boolean }> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let before = await alertCounts(sql);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    const now = await alertCounts(sql);
    if (now.pending === 0 && now.firing === before.firing) return { ...now, settled: true };
    if (Date.now() > deadline) return { ...now, settled: false };
    before = now;
  }
}

/** sampleDurationMs of each distinct snapshot a replica served, polled over the window. */
async function publishedDurations(url: string, since: number, intervals: number, intervalMs: number): Promise<number[]> {
  const seen = new Map<number, number>();
  const deadline = Date.now() + Math.max(intervals, 3) * intervalMs;
  while (Date.now() < deadline) {
    const overview = (await (await fetch(`${url}/api/clusters/local/overview`)).json()) as { freshness: { sampledAt: number }; overview: { sampleDurationMs?: number } };
    if (overview.freshness.sampledAt >= since && overview.overview.sampleDurationMs !== undefined) seen.set(overview.freshness.sampledAt, overview.overview.sampleDurationMs);
    await new Promise((resolve) => setTimeout(resolve, intervalMs / 4));
  }
  return [...seen.values()];
}

function combine(parts: Latency[]): Latency {
  return {
    requests: parts.reduce((sum, part) => sum + part.requests, 0),
    errors: parts.reduce((sum, part) => sum + part.errors, 0),
    p50: Math.max(...parts.map((part) => part.p50)),
    p95: Math.max(...parts.map((part) => part.p95)),
    p99: Math.max(...parts.map((part) => part.p99)),
    max: Math.max(...parts.map((part) => part.max)),
    perSecond: parts.reduce((sum, part) => sum + part.perSecond, 0),
  };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`not ready within ${timeoutMs} ms`);
}
