import { z } from "zod";
import { ApiError, badRequest, unavailable } from "@/lib/api/errors";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { requirePermission } from "@/lib/auth/require";
import { FlowError, getFlowResponse } from "@/lib/flow/get-flow-response";
import { flowResponseSchema } from "@/lib/validation/api/flow";
import { clusterParamsSchema } from "@/lib/validation/api/params";

export const dynamic = "force-dynamic";

const flowQuerySchema = z.strictObject({
  /** Benchmark only (server started with TRIBUTARY_BENCH=1): "<services>x<topics>". */
  synthetic: z.string().regex(/^\d{1,4}x\d{1,5}$/, "synthetic size must look like 300x1000").optional(),
});

/** The flow graph of a cluster: nodes, edges, classifications and the age of the observations. */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ params: clusterParamsSchema, query: flowQuerySchema, response: flowResponseSchema }, async ({ params, query, principal }) => {
    requirePermission(principal, { kind: "catalog.read" });
    try {
      return await getFlowResponse(params.cluster, { synthetic: query.synthetic ?? null });
    } catch (error) {
      throw error instanceof FlowError ? toApiError(error) : error;
    }
  }),
});

function toApiError(error: FlowError): ApiError {
  switch (error.reason) {
    case "unknown-cluster":
      return new ApiError("not_found", error.message);
    case "catalog-unreadable":
      return unavailable(error.message);
    case "synthetic-disabled":
    case "synthetic-malformed":
      return badRequest(error.message, { fieldErrors: { synthetic: [error.message] } });
  }
}
