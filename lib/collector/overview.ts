import type { ClusterSnapshot } from "@/lib/collector/types";
import { listWorstGroups } from "@/lib/collector/queries";

/** The overview page's numbers, all from the snapshot. */
export function getOverview(snapshot: ClusterSnapshot) {
  return {
    clusterId: snapshot.clusterId,
    controller: snapshot.controller,
    brokers: snapshot.brokers,
    totals: snapshot.totals,
    groupCount: snapshot.groups.length,
    worstGroups: listWorstGroups(snapshot, 5),
    sampleDurationMs: snapshot.sampleDurationMs,
  };
}
export type Overview = ReturnType<typeof getOverview>;
