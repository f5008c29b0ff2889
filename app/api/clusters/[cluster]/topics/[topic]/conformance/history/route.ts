import { notFound } from "@/lib/api/errors";
import { latestSnapshot, requireCluster } from "@/lib/api/cluster-state";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { requirePermission } from "@/lib/auth/require";
import { getConformanceHistory } from "@/lib/collector/history";
import { getDb } from "@/lib/db";
import { topicParamsSchema } from "@/lib/validation/api/params";
import { topicConformanceHistoryResponseSchema } from "@/lib/validation/api/topics";
import { historyQuerySchema } from "@/lib/validation/observability";

export const dynamic = "force-dynamic";

/** Records checked and violations of a topic over time; 404 for a topic neither on the cluster now nor in the range's history. */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(
    { params: topicParamsSchema, query: historyQuerySchema.pick({ range: true }).strict(), response: topicConformanceHistoryResponseSchema },
    async ({ params, query, principal }) => {
      requirePermission(principal, { kind: "catalog.read" });
      const cluster = requireCluster(params.cluster);
      const history = await getConformanceHistory(getDb(), { cluster: cluster.name, topic: params.topic, range: query.range });
      const live = latestSnapshot(cluster)?.topics.some((topic) => topic.name === params.topic) ?? false;
      if (!live && history.points.length === 0) throw notFound(`topic "${params.topic}"`);
      return { range: query.range, ...history };
    },
  ),
});
