import { NextResponse, type NextRequest } from "next/server";
import { withErrors } from "@/lib/api/errors";
import { requireCluster } from "@/lib/api/cluster-state";
import { getTopicHistory } from "@/lib/collector/history";
import { getDb } from "@/lib/db";
import { historyQuerySchema, searchParamsToObject, topicNameSchema } from "@/lib/validation/observability";

export const dynamic = "force-dynamic";

export const GET = withErrors(
  async (request: NextRequest, context: { params: Promise<{ cluster: string; topic: string }> }) => {
    const params = await context.params;
    const cluster = requireCluster(params.cluster);
    const topic = topicNameSchema.parse(decodeURIComponent(params.topic));
    const { range } = historyQuerySchema.parse(searchParamsToObject(request.nextUrl.searchParams));
    const history = await getTopicHistory(getDb(), { cluster: cluster.name, topic, range });
    return NextResponse.json({ range, ...history });
  },
);
