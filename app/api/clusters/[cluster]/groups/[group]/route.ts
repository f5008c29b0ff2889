import { notFound } from "@/lib/api/errors";
import { requireSnapshot } from "@/lib/api/cluster-state";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { requirePermission } from "@/lib/auth/require";
import { getGroup } from "@/lib/collector/queries";
import { groupDetailResponseSchema } from "@/lib/validation/api/groups";
import { groupParamsSchema } from "@/lib/validation/api/params";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ params: groupParamsSchema, response: groupDetailResponseSchema }, async ({ params, principal }) => {
    requirePermission(principal, { kind: "catalog.read" });
    const { snapshot, freshness } = requireSnapshot(params.cluster);
    const group = getGroup(snapshot, params.group);
    if (!group) throw notFound(`consumer group "${params.group}"`);
    const producedPerSec = Object.fromEntries(
      group.topics.map((topic) => [topic.topic, snapshot.topics.find((entry) => entry.name === topic.topic)?.messagesPerSec ?? null]),
    );
    return { freshness, group, producedPerSec };
  }),
});
