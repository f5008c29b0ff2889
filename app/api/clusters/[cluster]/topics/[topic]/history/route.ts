import { notFound } from "@/lib/api/errors";
import { latestSnapshot, requireCluster } from "@/lib/api/cluster-state";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { requirePermission } from "@/lib/auth/require";
import { getTopicHistory } from "@/lib/collector/history";
import { getDb } from "@/lib/db";
import { topicParamsSchema } from "@/lib/validation/api/params";
import { topicHistoryResponseSchema } from "@/lib/validation/api/topics";
import { historyQuerySchema } from "@/lib/validation/observability";

export const dynamic = "force-dynamic";

/** Messages/s of a topic over time; 404 for a topic neither on the cluster now nor in the range's history. */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(
    { params: topicParamsSchema, query: historyQuerySchema.pick({ range: true }).strict(), response: topicHistoryResponseSchema },
    async ({ params, query, principal }) => {
      requirePermission(principal, { kind: "catalog.read" });
      const cluster = requireCluster(params.cluster);
      const history = await getTopicHistory(getDb(), { cluster: cluster.name, topic: params.topic, range: query.range });
      const live = latestSnapshot(cluster)?.topics.some((topic) => topic.name === params.topic) ?? false;
      if (!live && history.points.length === 0) throw notFound(`topic "${params.topic}"`);
      return { range: query.range, ...history };
    },
  ),
});
