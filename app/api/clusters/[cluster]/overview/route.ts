import { requireSnapshot } from "@/lib/api/cluster-state";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { requirePermission } from "@/lib/auth/require";
import { getOverview } from "@/lib/collector/overview";
import { overviewResponseSchema } from "@/lib/validation/api/clusters";
import { clusterParamsSchema } from "@/lib/validation/api/params";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ params: clusterParamsSchema, response: overviewResponseSchema }, async ({ params, principal }) => {
    requirePermission(principal, { kind: "catalog.read" });
    const { snapshot, freshness } = requireSnapshot(params.cluster);
    return { freshness, overview: getOverview(snapshot) };
  }),
});
