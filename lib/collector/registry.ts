import "server-only";
import { getConfig } from "@/lib/env";
import { getDb } from "@/lib/db";
import type { ClusterState } from "@/lib/collector/types";
import { SnapshotFeed } from "@/lib/collector/service/feed";
import { readTopicConfigs } from "@/lib/collector/service/publish";
import { startCollectorRuntime, type CollectorRuntime } from "@/lib/collector/service/runtime";
import { ChildProcessSampler } from "@/lib/collector/service/child-sampler";
import { evaluateAlerts } from "@/lib/alerts/evaluate";
import { startAlertDelivery } from "@/lib/alerts/delivery/worker";

// The web process's view of the collectors. Every web process (role `web` or `all`) serves from a
// SnapshotFeed: the snapshots the leading collectors published to PostgreSQL, refreshed on NOTIFY.
// In role `all` this process also runs a collector, whose sampling happens in a child process so
// that deriving a snapshot never holds a request; what it publishes reaches the feed directly.

type Services = { feed: SnapshotFeed; runtime: CollectorRuntime | null; ready: Promise<void> };

// Next.js may load this module in more than one bundle (instrumentation, route handlers, pages):
// the services live on globalThis so that there is exactly one feed and collector per process.
const globalForCollector = globalThis as unknown as { tributaryServices?: Services };

function startServices(): Services {
  const config = getConfig();
  const log = (message: string) => console.warn(message);
  const feed = new SnapshotFeed(getDb, {
    clusters: config.clusters.map((cluster) => cluster.name),
    databaseUrl: config.databaseUrl,
    pollMs: Math.min(config.collectorIntervalMs, 5_000),
    downAfterMs: config.collectorIntervalMs,
    log,
  });
  let runtime: CollectorRuntime | null = null;
  if (config.role === "all" && config.collectorEnabled) {
    runtime = startCollectorRuntime({
      db: getDb,
      config,
      sampler: new ChildProcessSampler(getDb, config.producerWindowMinutes * 60_000, log),
      log,
      onPublished: async (snapshot, fence, holder) => {
        feed.accept(snapshot.cluster, fence.epoch, holder, snapshot);
        await evaluateAlerts({ db: getDb(), fence, snapshot, now: new Date(snapshot.sampledAt) });
      },
    });
    const delivery = startAlertDelivery({ db: getDb(), log });
    process.once("beforeExit", () => void delivery.stop());
  }
  const ready = feed.start();
  return { feed, runtime, ready };
}

function services(): Services {
  globalForCollector.tributaryServices ??= startServices();
  return globalForCollector.tributaryServices;
}

/** Starts the feed (and in role `all` the collector) once per process; resolves after the first read. Called from instrumentation.ts. */
export function ensureCollectorStarted(): Promise<void> {
  return services().ready;
}

/** The latest published state of a cluster, or null when no cluster has that name. Never waits on Kafka or the database. */
export function getClusterState(cluster: string): ClusterState | null {
  if (!getConfig().clusters.some((candidate) => candidate.name === cluster)) return null;
  return services().feed.getClusterState(cluster);
}

export function listClusterStates(): ClusterState[] {
  const feed = services().feed;
  return getConfig().clusters.map((cluster) => feed.getClusterState(cluster.name));
}

/** A topic's configs as the leading collector last read them; null when not read yet or unknown. */
export function getTopicConfigs(cluster: string, topic: string) {
  return readTopicConfigs(getDb(), cluster, topic);
}

/** What this web process knows of its feed and collector (health and readiness). */
export function describeServices() {
  const { feed, runtime } = services();
  return {
    role: getConfig().role,
    feedLoaded: feed.loaded,
    feedError: feed.lastPollError,
    collector: runtime ? { holder: runtime.holder, leading: runtime.leading() } : null,
  };
}
