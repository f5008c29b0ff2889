import "server-only";
import { listClusterStates } from "@/lib/collector";
import type { ClusterState } from "@/lib/collector/types";

/**
 * Every configured cluster's latest state, never throwing: the catalog pages still render (with
 * a clear "no live data" state) when the collector has nothing because Kafka is unreachable.
 */
export function readLiveStates(): ClusterState[] {
  try {
    return listClusterStates();
  } catch (error) {
    console.error("[catalog] reading the collector's state failed:", error);
    return [];
  }
}
