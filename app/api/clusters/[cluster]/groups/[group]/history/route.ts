import { NextResponse, type NextRequest } from "next/server";
import { withErrors } from "@/lib/api/errors";
import { requireCluster } from "@/lib/api/cluster-state";
import { getGroupHistory } from "@/lib/collector/history";
import { getDb } from "@/lib/db";
import { groupIdSchema, historyQuerySchema, searchParamsToObject } from "@/lib/validation/observability";

export const dynamic = "force-dynamic";

export const GET = withErrors(
  async (request: NextRequest, context: { params: Promise<{ cluster: string; group: string }> }) => {
    const params = await context.params;
    const cluster = requireCluster(params.cluster);
    const groupId = groupIdSchema.parse(decodeURIComponent(params.group));
    const { range, topic } = historyQuerySchema.parse(searchParamsToObject(request.nextUrl.searchParams));
    const history = await getGroupHistory(getDb(), { cluster: cluster.name, groupId, topic, range });
    return NextResponse.json({ range, topic, ...history });
  },
);
