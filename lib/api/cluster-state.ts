import "server-only";
import { findCluster, type ClusterConfig } from "@/lib/env";
import { getClusterState } from "@/lib/collector";
import type { ClusterSnapshot, ClusterState } from "@/lib/collector/types";
import type { Freshness } from "@/lib/validation/api/freshness";
import { notFound, unavailable } from "@/lib/api/errors";

/** The configured cluster of that name; 404 for any other name (the name is only ever looked up). */
export function requireCluster(name: string): ClusterConfig {
  const cluster = name ? findCluster(name) : null;
  if (!cluster) throw notFound(`cluster "${name}"`);
  return cluster;
}

/**
 * How old a cluster's snapshot is, for every response about live data. The age is in whole seconds
 * (what the pages show): answers read from the same snapshot within a second are then the same, and
 * the lists every dashboard polls are made once for all of them (lib/api/shared-json.ts).
 */
export function freshnessOf(state: ClusterState, snapshot: ClusterSnapshot): Freshness {
  return { cluster: state.cluster, sampledAt: snapshot.sampledAt, ageSeconds: Math.floor(state.ageSeconds ?? 0), stale: state.stale, lastError: state.lastError, collectorDown: state.collector.down };
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
  return { state, snapshot: state.snapshot, freshness: freshnessOf(state, state.snapshot) };
}

/** The latest snapshot when there is one (history routes work without it). */
export function latestSnapshot(cluster: ClusterConfig): ClusterSnapshot | null {
  return getClusterState(cluster.name)?.snapshot ?? null;
}
