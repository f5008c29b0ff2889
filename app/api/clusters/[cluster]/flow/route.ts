import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { withErrors } from "@/lib/api/errors";
import { getFlowResponse } from "@/lib/flow/get-flow-response";
import { searchParamsToObject } from "@/lib/validation/observability";

export const dynamic = "force-dynamic";

const flowQuerySchema = z.object({
  /** Benchmark only (server started with TRIBUTARY_BENCH=1): "<services>x<topics>". */
  synthetic: z.string().regex(/^\d{1,4}x\d{1,5}$/, "synthetic size must look like 300x1000").optional(),
});

/** The flow graph of a cluster: nodes, edges, classifications and the age of the observations. */
export const GET = withErrors(async (request: NextRequest, context: { params: Promise<{ cluster: string }> }) => {
  const { cluster } = await context.params;
  const query = flowQuerySchema.parse(searchParamsToObject(request.nextUrl.searchParams));
  return NextResponse.json(await getFlowResponse(cluster, { synthetic: query.synthetic ?? null }));
});
