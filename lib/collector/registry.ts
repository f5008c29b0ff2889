import "server-only";
import { getConfig } from "@/lib/env";
import { getDb } from "@/lib/db";
import { ClusterCollector } from "@/lib/collector/cluster-collector";
import { pruneSamplerHistory, readSamplerHistory, rollUpAndPrune, writeSamplerHistory, writeSnapshotHistory } from "@/lib/collector/history";
import { catalogContractSource } from "@/lib/collector/contract-source";
import type { ClusterState } from "@/lib/collector/types";

type Registry = { collectors: Map<string, ClusterCollector>; rollupTimer: NodeJS.Timeout | null };

// Next.js may load this module in more than one bundle (instrumentation, route handlers, pages):
// the collectors live on globalThis so that there is exactly one per cluster per process.
const globalForCollector = globalThis as unknown as { tributaryCollectors?: Registry };

const ROLLUP_INTERVAL_MS = 60_000;

function getRegistry(): Registry {
  if (!globalForCollector.tributaryCollectors) {
    const config = getConfig();
    const log = (message: string) => console.warn(message);
    const collectors = new Map(
      config.clusters.map((cluster) => [
        cluster.name,
        new ClusterCollector(cluster, {
          intervalMs: config.collectorIntervalMs,
          windowSize: config.collectorWindowSamples,
          onSnapshot: async (snapshot, sampled) => {
            await writeSnapshotHistory(getDb(), snapshot);
            if (sampled) await writeSamplerHistory(getDb(), snapshot.cluster, sampled);
          },
          sampling: {
            recordsPerTopic: config.sampleRecordsPerTopic,
            bytesPerTopic: config.sampleBytesPerTopic,
            header: config.flowProducerHeader,
            windowMinutes: config.producerWindowMinutes,
            contracts: catalogContractSource(getDb, cluster.name),
            restore: () => readSamplerHistory(getDb(), { cluster: cluster.name, windowMs: config.producerWindowMinutes * 60_000 }),
            log: (message) => log(`[collector ${cluster.name}] ${message}`),
          },
          log,
        }),
      ]),
    );
    globalForCollector.tributaryCollectors = { collectors, rollupTimer: null };
  }
  return globalForCollector.tributaryCollectors;
}

/** Starts sampling every configured cluster, once per process. Called from instrumentation.ts. */
export function ensureCollectorStarted(): void {
  const config = getConfig();
  const registry = getRegistry();
  if (!config.collectorEnabled || registry.rollupTimer) return;
  for (const collector of registry.collectors.values()) collector.start();
  registry.rollupTimer = setInterval(() => {
    const now = new Date();
    rollUpAndPrune(getDb(), now, config.historyRetentionHours)
      .then(() => pruneSamplerHistory(getDb(), now, config.historyRetentionHours))
      .catch((error: unknown) =>
      console.warn(`[collector] rollup failed: ${String(error)}`),
    );
  }, ROLLUP_INTERVAL_MS);
  registry.rollupTimer.unref?.();
}

/** The latest state of a cluster, or null when no cluster has that name. Never waits on Kafka. */
export function getClusterState(cluster: string): ClusterState | null {
  ensureCollectorStarted();
  const collector = getRegistry().collectors.get(cluster);
  if (!collector) return null;
  const state = collector.getState();
  if (!getConfig().collectorEnabled && !state.snapshot) {
    return { ...state, stale: true, lastError: "the collector is disabled (COLLECTOR_DISABLED=1)" };
  }
  return state;
}

/** A topic's configs from the collector's periodic read; null when not read yet or unknown. */
export function getTopicConfigs(cluster: string, topic: string) {
  ensureCollectorStarted();
  return getRegistry().collectors.get(cluster)?.getTopicConfigs(topic) ?? null;
}

export function listClusterStates(): ClusterState[] {
  ensureCollectorStarted();
  return [...getRegistry().collectors.values()].map((collector) => collector.getState());
}
