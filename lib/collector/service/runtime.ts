import "server-only";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { hostname } from "node:os";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AppConfig } from "@/lib/env";
import type { ClusterSnapshot } from "@/lib/collector/types";
import { pruneSamplerHistory, rollUpAndPrune } from "@/lib/collector/history";
import { ClusterLeadership } from "@/lib/collector/service/leadership";
import type { Fence } from "@/lib/collector/service/lease";
import type { SamplerControl } from "@/lib/collector/service/sampler";

const ROLLUP_INTERVAL_MS = 60_000;

export type CollectorRuntime = {
  holder: string;
  leaderships: Map<string, ClusterLeadership>;
  /** Clusters this process leads now. */
  leading(): string[];
  stop(): Promise<void>;
};

/** This process's name in the leases: host, pid and a random part (pids repeat across restarts and containers). */
export function collectorHolderId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * A collector: one election per configured cluster, the sampler they start and stop, and the
 * periodic rollup of history (idempotent, so it is harmless when two leaders of different
 * clusters run it). Used by the collector role and by role `all`, which differ only in where
 * the sampler runs.
 */
export function startCollectorRuntime(options: {
  db: () => PrismaClient;
  config: AppConfig;
  sampler: SamplerControl;
  log: (message: string) => void;
  onPublished?: (snapshot: ClusterSnapshot, fence: Fence, holder: string) => Promise<void>;
}): CollectorRuntime {
  const holder = collectorHolderId();
  const { config, log } = options;
  // The fenced transactions that publish samples and then evaluate alerts on them (lease.ts, runSql),
  // one after the other per cluster: a connection per cluster at most.
  // Timeouts as the Prisma transactions' (maxWait 10 s, timeout 60 s): a publish never hangs its queue.
  const pool = config.databaseUrl
    ? new pg.Pool({
        connectionString: config.databaseUrl, max: Math.max(1, config.clusters.length), connectionTimeoutMillis: 10_000, query_timeout: 60_000,
        application_name: "tributary-collector-publish",
      })
    : null;
  pool?.on("error", (error) => log(`[collector] publishing connection: ${String(error)}`));
  const leaderships = new Map(
    config.clusters.map((cluster) => [
      cluster.name,
      new ClusterLeadership(options.db(), cluster.name, options.sampler, {
        holder,
        leaseTtlMs: config.collectorLeaseMs,
        log,
        pool,
        onPublished: options.onPublished ? (snapshot, fence) => options.onPublished!(snapshot, fence, holder) : undefined,
      }),
    ]),
  );
  for (const leadership of leaderships.values()) leadership.start();
  const leading = () => [...leaderships].filter(([, leadership]) => leadership.leading).map(([cluster]) => cluster);

  const rollup = setInterval(() => {
    if (leading().length === 0) return;
    const now = new Date();
    rollUpAndPrune(options.db(), now, config.historyRetentionHours)
      .then(() => pruneSamplerHistory(options.db(), now, config.historyRetentionHours))
      .catch((error: unknown) => log(`[collector] rollup failed: ${String(error)}`));
  }, ROLLUP_INTERVAL_MS);
  rollup.unref?.();

  return {
    holder,
    leaderships,
    leading,
    async stop() {
      clearInterval(rollup);
      await Promise.all([...leaderships.values()].map((leadership) => leadership.stop()));
      await options.sampler.close();
      await pool?.end();
    },
  };
}
