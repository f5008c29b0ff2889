import "server-only";
import { findCluster, type ClusterConfig } from "@/lib/env";
import { getClusterState } from "@/lib/collector";
import type { ClusterSnapshot, ClusterState } from "@/lib/collector/types";
import { clusterNameSchema } from "@/lib/validation/observability";
import { notFound, unavailable } from "@/lib/api/errors";

/** What every response about live data carries, so the UI can say how old it is. */
export type Freshness = { cluster: string; sampledAt: number; ageSeconds: number; stale: boolean; lastError: string | null };

export function requireCluster(name: string): ClusterConfig {
  const cluster = findCluster(clusterNameSchema.parse(name));
  if (!cluster) throw notFound(`cluster "${name}"`);
  return cluster;
}

/**
 * The latest snapshot of a cluster; 503 with the reason when there has never been one
 * (Kafka unreachable since start-up). A stale snapshot is returned, marked stale.
 */
export function requireSnapshot(name: string): { state: ClusterState; snapshot: ClusterSnapshot; freshness: Freshness } {
  const cluster = requireCluster(name);
  const state = getClusterState(cluster.name)!;
  if (!state.snapshot) {
    throw unavailable(state.lastError ?? `no sample of cluster "${cluster.name}" yet: the collector is still starting`);
  }
  return {
    state,
    snapshot: state.snapshot,
    freshness: {
      cluster: cluster.name,
      sampledAt: state.snapshot.sampledAt,
      ageSeconds: state.ageSeconds ?? 0,
      stale: state.stale,
      lastError: state.lastError,
    },
  };
}
