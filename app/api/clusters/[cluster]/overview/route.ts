import { requireSnapshot } from "@/lib/api/cluster-state";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { getOverview } from "@/lib/collector/overview";
import { overviewResponseSchema } from "@/lib/validation/api/clusters";
import { clusterParamsSchema } from "@/lib/validation/api/params";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ params: clusterParamsSchema, response: overviewResponseSchema }, async ({ params }) => {
    const { snapshot, freshness } = requireSnapshot(params.cluster);
    return { freshness, overview: getOverview(snapshot) };
  }),
});
