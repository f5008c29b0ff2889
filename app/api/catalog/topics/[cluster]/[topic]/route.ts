import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { catalogRoute } from "@/lib/catalog/http";
import { getTopicCatalogInfo } from "@/lib/catalog/topic-info";
import { contractParamsSchema } from "@/lib/validation/catalog-api";

export const dynamic = "force-dynamic";

/** What the catalog says about a live topic: `{ info: null }` when no contract describes it. */
export const GET = catalogRoute(async (_request: Request, context: { params: Promise<{ cluster: string; topic: string }> }) => {
  const params = await context.params;
  const key = contractParamsSchema.parse({ cluster: decodeURIComponent(params.cluster), topic: decodeURIComponent(params.topic) });
  return NextResponse.json({ info: await getTopicCatalogInfo(key.cluster, key.topic, getDb()) });
});
