import { requireSnapshot } from "@/lib/api/cluster-state";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { sharedJson } from "@/lib/api/shared-json";
import { requirePermission } from "@/lib/auth/require";
import { listTopics } from "@/lib/collector/queries";
import { clusterParamsSchema } from "@/lib/validation/api/params";
import { topicListResponseSchema } from "@/lib/validation/api/topics";
import { topicListQuerySchema } from "@/lib/validation/observability";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ params: clusterParamsSchema, query: topicListQuerySchema.strict(), response: topicListResponseSchema }, async ({ params, query, principal }) => {
    requirePermission(principal, { kind: "catalog.read" });
    const { snapshot, freshness } = requireSnapshot(params.cluster);
    // The page every dashboard polls: made once per snapshot, query and second (lib/api/shared-json.ts).
    const key = JSON.stringify([query, freshness]);
    return sharedJson(snapshot, key, topicListResponseSchema, () => ({ freshness, ...listTopics(snapshot, query) }));
  }),
});
