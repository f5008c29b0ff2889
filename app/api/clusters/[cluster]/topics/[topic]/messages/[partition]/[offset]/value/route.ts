import { z } from "zod";
import { ApiError, notFound, unavailable } from "@/lib/api/errors";
import { requireCluster } from "@/lib/api/cluster-state";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { readableValue } from "@/lib/auth/message-access";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db";
import { readRecordValue } from "@/lib/kafka";
import { topicParamsSchema } from "@/lib/validation/api/params";
import { topicNameSchema } from "@/lib/validation/observability";

export const dynamic = "force-dynamic";

/** A path segment that is a whole, non-negative number: "1.5", "-1", "1e3" and "x" are 400s. */
const wholeNumber = (max: number) =>
  z
    .string()
    .regex(/^\d{1,16}$/, "a whole number, 0 or more")
    .transform(Number)
    .refine((value) => value <= max, `at most ${max}`);

/**
 * The whole value of one record, for values too long for the message browser. Always a download:
 * an attachment of type application/octet-stream with nosniff, so a value holding HTML or script
 * is never rendered by the browser. A reader without the sensitive-data permission gets the value
 * as JSON with the contract's sensitive fields masked (never the raw bytes), or a 403 when it is
 * not JSON and so cannot be masked.
 */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(
    {
      params: topicParamsSchema.extend({
        partition: wholeNumber(2_147_483_647),
        offset: wholeNumber(Number.MAX_SAFE_INTEGER),
      }),
    },
    async ({ params, principal }) => {
      const reader = requirePermission(principal, { kind: "messages.read" });
      const cluster = requireCluster(params.cluster);
      // A name Kafka would refuse cannot be a topic on the cluster: not found, without asking Kafka.
      if (!topicNameSchema.safeParse(params.topic).success) throw notFound(`topic "${params.topic}"`);
      const result = await readRecordValue(cluster, params.topic, params.partition, params.offset).catch((error: unknown) => {
        throw unavailable(`cannot read the record from Kafka at ${cluster.brokers.join(", ")}: ${error instanceof Error ? error.message : String(error)}`);
      });
      if (!result.found) throw new ApiError("not_found", result.message);
      const view = await readableValue(getDb(), reader, { cluster: cluster.name, topic: params.topic, partition: params.partition, offset: params.offset }, result.value);
      // Topic names are [a-zA-Z0-9._-] only, so the file name needs no quoting beyond the quotes.
      const filename = `${params.topic}-${params.partition}-${params.offset}${view.masked ? ".masked.json" : ".bin"}`;
      return new Response(new Uint8Array(view.bytes), {
        status: 200,
        headers: {
          "content-type": "application/octet-stream",
          "content-disposition": `attachment; filename="${filename}"`,
          "x-content-type-options": "nosniff",
          "cache-control": "no-store",
          ...(view.masked ? { "x-tributary-masked-fields": String(view.maskedCount) } : {}),
        },
      });
    },
  ),
});
