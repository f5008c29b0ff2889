import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { catalogRoute } from "@/lib/catalog/http";
import { findUndocumentedGroups } from "@/lib/catalog/live-lists";

export const dynamic = "force-dynamic";

/** Per cluster: live consumer groups that no service lists among its consumer group ids. */
export const GET = catalogRoute(async () => {
  const sections = await findUndocumentedGroups(getDb());
  return NextResponse.json({
    clusters: sections.map(({ items, ...section }) => ({
      ...section,
      groups:
        items?.map((group) => ({
          groupId: group.groupId, state: group.state, status: group.status, lag: group.lag, timeLagSeconds: group.timeLagSeconds,
          topics: group.topics.map((topic) => topic.topic),
        })) ?? null,
    })),
  });
});
