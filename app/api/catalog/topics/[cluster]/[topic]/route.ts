import { notFound } from "@/lib/api/errors";
import { latestSnapshot, requireCluster } from "@/lib/api/cluster-state";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db";
import { getTopicCatalogInfo } from "@/lib/catalog/topic-info";
import { topicCatalogInfoResponseSchema } from "@/lib/validation/api/catalog";
import { clusterParamsSchema } from "@/lib/validation/api/params";
import { topicNameSchema } from "@/lib/validation/observability";

export const dynamic = "force-dynamic";

/**
 * What the catalog says about a topic: `{ info: null }` for a live topic no contract describes;
 * 404 for an unknown cluster or a topic neither live nor in a contract; 400 for a name Kafka would
 * not accept as a topic.
 */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ params: clusterParamsSchema.extend({ topic: topicNameSchema }), response: topicCatalogInfoResponseSchema }, async ({ params, principal }) => {
    requirePermission(principal, { kind: "catalog.read" });
    const cluster = requireCluster(params.cluster);
    const info = await getTopicCatalogInfo(cluster.name, params.topic, getDb());
    if (!info && !latestSnapshot(cluster)?.topics.some((topic) => topic.name === params.topic)) throw notFound(`topic "${params.topic}"`);
    return { info };
  }),
});
