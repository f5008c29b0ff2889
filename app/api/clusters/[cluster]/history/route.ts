import { NextResponse, type NextRequest } from "next/server";
import { withErrors } from "@/lib/api/errors";
import { requireCluster } from "@/lib/api/cluster-state";
import { getClusterThroughputHistory } from "@/lib/collector/history";
import { getDb } from "@/lib/db";
import { historyQuerySchema, searchParamsToObject } from "@/lib/validation/observability";

export const dynamic = "force-dynamic";

/** Total messages/s of the cluster over time (the overview's sparkline). */
export const GET = withErrors(async (request: NextRequest, context: { params: Promise<{ cluster: string }> }) => {
  const cluster = requireCluster((await context.params).cluster);
  const { range } = historyQuerySchema.parse(searchParamsToObject(request.nextUrl.searchParams));
  return NextResponse.json({ range, ...(await getClusterThroughputHistory(getDb(), { cluster: cluster.name, range })) });
});
