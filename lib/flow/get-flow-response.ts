import "server-only";
import { findCluster } from "@/lib/env";
import { getClusterState } from "@/lib/collector";
import { buildFlowGraph } from "@/lib/flow/build-flow-graph";
import { loadFlowCatalog, loadObservedProducers } from "@/lib/flow/sources";
import { createSyntheticFlowInput, parseSyntheticSize } from "@/lib/flow/synthetic";
import type { FlowResponse } from "@/lib/validation/api/flow";

// The response's shape is its zod schema's (lib/validation/api/flow.ts), shared with the browser.
export type { FlowResponse };

/** Why a flow graph could not be built; the HTTP seam maps it to 404, 400 or 503. */
export class FlowError extends Error {
  constructor(
    readonly reason: "unknown-cluster" | "catalog-unreadable" | "synthetic-disabled" | "synthetic-malformed",
    message: string,
  ) {
    super(message);
    this.name = "FlowError";
  }
}

/** The benchmark's synthetic graphs are served only by a server started with TRIBUTARY_BENCH=1. */
export function isBenchModeEnabled(): boolean {
  return process.env.TRIBUTARY_BENCH === "1";
}

/**
 * The flow graph of a cluster: catalog from the database, observations from the collector's
 * latest snapshot (never waits on Kafka). Without any snapshot yet, the declared side alone.
 * Throws FlowError (unknown cluster, synthetic without bench mode or malformed, catalog unreadable).
 */
export async function getFlowResponse(clusterName: string, options: { synthetic?: string | null } = {}): Promise<FlowResponse> {
  const cluster = clusterName ? findCluster(clusterName) : null;
  if (!cluster) throw new FlowError("unknown-cluster", `cluster "${clusterName}" not found`);
  if (options.synthetic) return buildSyntheticResponse(cluster.name, options.synthetic);

  const state = getClusterState(cluster.name);
  const snapshot = state?.snapshot ?? null;
  const [catalog, observedProducers] = await Promise.all([
    loadFlowCatalog(cluster.name).catch((error: unknown) => {
      console.error("[flow] catalog unreadable", error);
      throw new FlowError("catalog-unreadable", "the catalog database cannot be read; the flow graph needs it");
    }),
    loadObservedProducers(cluster.name),
  ]);
  const started = performance.now();
  const graph = buildFlowGraph({ catalog, snapshot, observedProducers, cluster: cluster.name });
  return {
    cluster: cluster.name,
    graph,
    freshness: snapshot
      ? { cluster: cluster.name, sampledAt: snapshot.sampledAt, ageSeconds: state?.ageSeconds ?? 0, stale: state?.stale ?? false, lastError: state?.lastError ?? null, collectorDown: state?.collector.down ?? false }
      : null,
    unobservedReason: snapshot ? null : (state?.lastError ?? "the collector has not sampled this cluster yet"),
    buildMs: performance.now() - started,
    synthetic: false,
  };
}

const syntheticInputs = new Map<string, ReturnType<typeof createSyntheticFlowInput>>();

function buildSyntheticResponse(cluster: string, size: string): FlowResponse {
  if (!isBenchModeEnabled()) throw new FlowError("synthetic-disabled", "synthetic graphs need a server started with TRIBUTARY_BENCH=1");
  const parsed = parseSyntheticSize(size);
  if (!parsed) throw new FlowError("synthetic-malformed", `synthetic size must look like 300x1000, got "${size}"`);
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
    freshness: { cluster, sampledAt: input.snapshot!.sampledAt, ageSeconds: 0, stale: false, lastError: null, collectorDown: false },
    unobservedReason: null,
    buildMs: performance.now() - started,
    synthetic: true,
  };
}
