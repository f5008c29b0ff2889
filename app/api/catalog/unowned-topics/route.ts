import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { catalogRoute } from "@/lib/catalog/http";
import { findUnownedTopics } from "@/lib/catalog/live-lists";

export const dynamic = "force-dynamic";

/** Per cluster: live non-internal topics that no contract describes (`topics: null` = no snapshot yet). */
export const GET = catalogRoute(async () => {
  const sections = await findUnownedTopics(getDb());
  return NextResponse.json({
    clusters: sections.map(({ items, ...section }) => ({
      ...section,
      topics: items?.map((topic) => ({ name: topic.name, partitions: topic.partitions.length, messagesPerSec: topic.messagesPerSec })) ?? null,
    })),
  });
});
