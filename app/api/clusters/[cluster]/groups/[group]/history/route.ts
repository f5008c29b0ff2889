import { notFound } from "@/lib/api/errors";
import { latestSnapshot, requireCluster } from "@/lib/api/cluster-state";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { requirePermission } from "@/lib/auth/require";
import { getGroupHistory } from "@/lib/collector/history";
import { getDb } from "@/lib/db";
import { groupHistoryResponseSchema } from "@/lib/validation/api/groups";
import { groupParamsSchema } from "@/lib/validation/api/params";
import { historyQuerySchema } from "@/lib/validation/observability";

export const dynamic = "force-dynamic";

/** Lag of a group over time; 404 for a group neither on the cluster now nor in the range's history. */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(
    { params: groupParamsSchema, query: historyQuerySchema.strict(), response: groupHistoryResponseSchema },
    async ({ params, query, principal }) => {
      requirePermission(principal, { kind: "catalog.read" });
      const cluster = requireCluster(params.cluster);
      const history = await getGroupHistory(getDb(), { cluster: cluster.name, groupId: params.group, topic: query.topic, range: query.range });
      const live = latestSnapshot(cluster)?.groups.some((group) => group.groupId === params.group) ?? false;
      if (!live && history.points.length === 0) throw notFound(`consumer group "${params.group}"`);
      return { range: query.range, topic: query.topic, ...history };
    },
  ),
});
