import { notFound, unavailable } from "@/lib/api/errors";
import { requireCluster } from "@/lib/api/cluster-state";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { applyMessagePolicy } from "@/lib/auth/message-access";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db";
import { browseMessages } from "@/lib/kafka";
import { messagesResponseSchema } from "@/lib/validation/api/messages";
import { topicParamsSchema } from "@/lib/validation/api/params";
import { messageQuerySchema, topicNameSchema } from "@/lib/validation/observability";

export const dynamic = "force-dynamic";

/**
 * The message browser: a live read by nature, so this is the one view that waits on Kafka. Every
 * record in the range is listed; a value beyond the display limit only as a preview (the whole
 * value is …/messages/{partition}/{offset}/value).
 */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(
    {
      params: topicParamsSchema,
      query: messageQuerySchema,
      response: messagesResponseSchema,
    },
    async ({ params, query, principal }) => {
      const reader = requirePermission(principal, { kind: "messages.read" });
      const cluster = requireCluster(params.cluster);
      // A name Kafka would refuse cannot be a topic on the cluster: not found, without asking Kafka.
      if (!topicNameSchema.safeParse(params.topic).success) throw notFound(`topic "${params.topic}"`);
      const result = await browseMessages(cluster, params.topic, query).catch((error: unknown) => {
        throw unavailable(`cannot read messages from Kafka at ${cluster.brokers.join(", ")}: ${error instanceof Error ? error.message : String(error)}`);
      });
      if (!result) throw notFound(`topic "${params.topic}"`);
      return { query, ...(await applyMessagePolicy(getDb(), reader, cluster.name, params.topic, result)) };
    },
  ),
});
