import { getConfig, toPublicCluster } from "@/lib/env";
import { getClusterState } from "@/lib/collector";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { requirePermission } from "@/lib/auth/require";
import { clusterListResponseSchema } from "@/lib/validation/api/clusters";

export const dynamic = "force-dynamic";

/** Configured clusters without credentials, with how fresh their data is. */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ response: clusterListResponseSchema }, async ({ principal }) => {
    requirePermission(principal, { kind: "catalog.read" });
    const clusters = getConfig().clusters.map((cluster) => {
      const state = getClusterState(cluster.name)!;
      return {
        ...toPublicCluster(cluster),
        clusterId: state.snapshot?.clusterId ?? null,
        sampledAt: state.snapshot?.sampledAt ?? null,
        stale: state.stale,
        lastError: state.lastError,
      };
    });
    return { clusters };
  }),
});
