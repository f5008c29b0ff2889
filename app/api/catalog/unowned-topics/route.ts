import { apiRoute, routeMethods } from "@/lib/api/route";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db";
import { findUnownedTopics } from "@/lib/catalog/live-lists";
import { unownedTopicsResponseSchema } from "@/lib/validation/api/catalog";

export const dynamic = "force-dynamic";

/** Per cluster: live non-internal topics that no contract describes (`topics: null` = no snapshot yet). */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ response: unownedTopicsResponseSchema }, async ({ principal }) => {
    requirePermission(principal, { kind: "catalog.read" });
    const sections = await findUnownedTopics(getDb());
    return {
      clusters: sections.map(({ items, ...section }) => ({
        ...section,
        topics: items?.map((topic) => ({ name: topic.name, partitions: topic.partitionCount, messagesPerSec: topic.messagesPerSec })) ?? null,
      })),
    };
  }),
});
