import "server-only";
import { ApiError, unavailable } from "@/lib/api/errors";
import { requireCluster } from "@/lib/api/cluster-state";
import { getClusterState } from "@/lib/collector";
import { buildFlowGraph } from "@/lib/flow/build-flow-graph";
import { loadFlowCatalog, loadObservedProducers } from "@/lib/flow/sources";
import { createSyntheticFlowInput, parseSyntheticSize } from "@/lib/flow/synthetic";
import type { FlowGraph } from "@/lib/flow/types";

/** How old the observed side is; null when the cluster has never been sampled. */
export type FlowFreshness = { sampledAt: number; ageSeconds: number; stale: boolean; lastError: string | null };

export type FlowResponse = {
  cluster: string;
  graph: FlowGraph;
  freshness: FlowFreshness | null;
  /** Why there is no observed side yet (collector starting, Kafka unreachable). */
  unobservedReason: string | null;
  /** Milliseconds the builder took, for the benchmark and for curiosity. */
  buildMs: number;
  synthetic: boolean;
};

/** The benchmark's synthetic graphs are served only by a server started with TRIBUTARY_BENCH=1. */
export function isBenchModeEnabled(): boolean {
  return process.env.TRIBUTARY_BENCH === "1";
}

/**
 * The flow graph of a cluster: catalog from the database, observations from the collector's
 * latest snapshot (never waits on Kafka). Without any snapshot yet, the declared side alone.
 * Throws ApiError (404 unknown cluster, 422 synthetic without bench mode, 503 catalog unreadable).
 */
export async function getFlowResponse(clusterName: string, options: { synthetic?: string | null } = {}): Promise<FlowResponse> {
  const cluster = requireCluster(clusterName);
  if (options.synthetic) return buildSyntheticResponse(cluster.name, options.synthetic);

  const state = getClusterState(cluster.name);
  const snapshot = state?.snapshot ?? null;
  const [catalog, observedProducers] = await Promise.all([
    loadFlowCatalog(cluster.name).catch((error: unknown) => {
      console.error("[flow] catalog unreadable", error);
      throw unavailable("the catalog database cannot be read; the flow graph needs it");
    }),
    loadObservedProducers(cluster.name),
  ]);
  const started = performance.now();
  const graph = buildFlowGraph({ catalog, snapshot, observedProducers, cluster: cluster.name });
  return {
    cluster: cluster.name,
    graph,
    freshness: snapshot
      ? { sampledAt: snapshot.sampledAt, ageSeconds: state?.ageSeconds ?? 0, stale: state?.stale ?? false, lastError: state?.lastError ?? null }
      : null,
    unobservedReason: snapshot ? null : (state?.lastError ?? "the collector has not sampled this cluster yet"),
    buildMs: performance.now() - started,
    synthetic: false,
  };
}

const syntheticInputs = new Map<string, ReturnType<typeof createSyntheticFlowInput>>();

function buildSyntheticResponse(cluster: string, size: string): FlowResponse {
  if (!isBenchModeEnabled()) throw new ApiError(422, "synthetic graphs need a server started with TRIBUTARY_BENCH=1");
  const parsed = parseSyntheticSize(size);
  if (!parsed) throw new ApiError(422, `synthetic size must look like 300x1000, got "${size}"`);
  // Same input on every poll (as a real cluster's shape is), so the layout stays cached.
  let input = syntheticInputs.get(size);
  if (!input) {
    input = createSyntheticFlowInput({ ...parsed, cluster });
    syntheticInputs.set(size, input);
  }
  const started = performance.now();
  const graph = buildFlowGraph(input);
  return {
    cluster,
    graph,
    freshness: { sampledAt: input.snapshot!.sampledAt, ageSeconds: 0, stale: false, lastError: null },
    unobservedReason: null,
    buildMs: performance.now() - started,
    synthetic: true,
  };
}
