import { NextResponse, type NextRequest } from "next/server";
import { withErrors } from "@/lib/api/errors";
import { requireSnapshot } from "@/lib/api/cluster-state";
import { listTopics } from "@/lib/collector/queries";
import { searchParamsToObject, topicListQuerySchema } from "@/lib/validation/observability";

export const dynamic = "force-dynamic";

export const GET = withErrors(async (request: NextRequest, context: { params: Promise<{ cluster: string }> }) => {
  const { cluster } = await context.params;
  const query = topicListQuerySchema.parse(searchParamsToObject(request.nextUrl.searchParams));
  const { snapshot, freshness } = requireSnapshot(cluster);
  return NextResponse.json({ freshness, ...listTopics(snapshot, query) });
});
