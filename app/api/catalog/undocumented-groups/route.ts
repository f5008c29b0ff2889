import { apiRoute, routeMethods } from "@/lib/api/route";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db";
import { findUndocumentedGroups } from "@/lib/catalog/live-lists";
import { undocumentedGroupsResponseSchema } from "@/lib/validation/api/catalog";

export const dynamic = "force-dynamic";

/** Per cluster: live consumer groups that no service lists among its consumer group ids. */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ response: undocumentedGroupsResponseSchema }, async ({ principal }) => {
    requirePermission(principal, { kind: "catalog.read" });
    const sections = await findUndocumentedGroups(getDb());
    return {
      clusters: sections.map(({ items, ...section }) => ({
        ...section,
        groups:
          items?.map((group) => ({
            groupId: group.groupId, state: group.state, status: group.status, lag: group.lag, timeLagSeconds: group.timeLagSeconds,
            topics: group.topics.map((topic) => topic.topic),
          })) ?? null,
      })),
    };
  }),
});
