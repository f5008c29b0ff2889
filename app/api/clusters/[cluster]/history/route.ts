import { requireCluster } from "@/lib/api/cluster-state";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { requirePermission } from "@/lib/auth/require";
import { getClusterThroughputHistory } from "@/lib/collector/history";
import { getDb } from "@/lib/db";
import { clusterHistoryResponseSchema } from "@/lib/validation/api/clusters";
import { clusterParamsSchema } from "@/lib/validation/api/params";
import { historyQuerySchema } from "@/lib/validation/observability";

export const dynamic = "force-dynamic";

/** Total messages/s of the cluster over time (the overview's sparkline). */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(
    { params: clusterParamsSchema, query: historyQuerySchema.pick({ range: true }).strict(), response: clusterHistoryResponseSchema },
    async ({ params, query, principal }) => {
      requirePermission(principal, { kind: "catalog.read" });
      const cluster = requireCluster(params.cluster);
      return { range: query.range, ...(await getClusterThroughputHistory(getDb(), { cluster: cluster.name, range: query.range })) };
    },
  ),
});
