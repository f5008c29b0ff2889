import { NextResponse, type NextRequest } from "next/server";
import { notFound, unavailable, withErrors } from "@/lib/api/errors";
import { requireCluster } from "@/lib/api/cluster-state";
import { browseMessages } from "@/lib/kafka";
import { messageQuerySchema, searchParamsToObject, topicNameSchema } from "@/lib/validation/observability";

export const dynamic = "force-dynamic";

/** The message browser: a live read by nature, so this is the one view that waits on Kafka. */
export const GET = withErrors(
  async (request: NextRequest, context: { params: Promise<{ cluster: string; topic: string }> }) => {
    const params = await context.params;
    const cluster = requireCluster(params.cluster);
    const topic = topicNameSchema.parse(decodeURIComponent(params.topic));
    const query = messageQuerySchema.parse(searchParamsToObject(request.nextUrl.searchParams));
    const result = await browseMessages(cluster, topic, query).catch((error: unknown) => {
      throw unavailable(`cannot read messages from Kafka at ${cluster.brokers.join(", ")}: ${error instanceof Error ? error.message : String(error)}`);
    });
    if (!result) throw notFound(`topic "${topic}"`);
    return NextResponse.json({ query, ...result });
  },
);
