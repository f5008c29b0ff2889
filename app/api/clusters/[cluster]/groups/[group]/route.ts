import { NextResponse } from "next/server";
import { notFound, withErrors } from "@/lib/api/errors";
import { requireSnapshot } from "@/lib/api/cluster-state";
import { getGroup } from "@/lib/collector/queries";
import { groupIdSchema } from "@/lib/validation/observability";

export const dynamic = "force-dynamic";

export const GET = withErrors(async (_request: Request, context: { params: Promise<{ cluster: string; group: string }> }) => {
  const params = await context.params;
  const groupId = groupIdSchema.parse(decodeURIComponent(params.group));
  const { snapshot, freshness } = requireSnapshot(params.cluster);
  const group = getGroup(snapshot, groupId);
  if (!group) throw notFound(`consumer group "${groupId}"`);
  const producedPerSec = Object.fromEntries(
    group.topics.map((topic) => [topic.topic, snapshot.topics.find((entry) => entry.name === topic.topic)?.messagesPerSec ?? null]),
  );
  return NextResponse.json({ freshness, group, producedPerSec });
});
