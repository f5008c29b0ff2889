import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/env";

// Pages used to take the cluster as `?cluster=` (`/topics/x?cluster=eu`); they now address it like
// the API (`/clusters/eu/topics/x`). Old links and bookmarks land on the new page.

/**
 * Redirects an old page URL. 308 (permanent) when the URL names its cluster; 307 when it did not,
 * because "the first configured cluster" can change and a browser caches permanent redirects.
 * Query parameters other than `cluster` (e.g. the flow graph's `focus`) are kept.
 */
export function redirectLegacyPage(request: NextRequest, toPath: (cluster: string) => string): Response {
  const named = request.nextUrl.searchParams.get("cluster");
  const cluster = named || getConfig().clusters[0]?.name;
  if (!cluster) return new NextResponse("No Kafka cluster is configured.", { status: 404 });
  const target = new URL(toPath(cluster), request.nextUrl);
  for (const [key, value] of request.nextUrl.searchParams) {
    if (key !== "cluster") target.searchParams.append(key, value);
  }
  // A relative Location keeps whatever host and scheme the browser used (behind a proxy too).
  return new Response(null, { status: named ? 308 : 307, headers: { Location: `${target.pathname}${target.search}` } });
}
