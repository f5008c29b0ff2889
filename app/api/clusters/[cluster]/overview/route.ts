import { NextResponse } from "next/server";
import { withErrors } from "@/lib/api/errors";
import { requireSnapshot } from "@/lib/api/cluster-state";
import { getOverview } from "@/lib/collector/overview";

export const dynamic = "force-dynamic";

export const GET = withErrors(async (_request: Request, context: { params: Promise<{ cluster: string }> }) => {
  const { cluster } = await context.params;
  const { snapshot, freshness } = requireSnapshot(cluster);
  return NextResponse.json({ freshness, overview: getOverview(snapshot) });
});
