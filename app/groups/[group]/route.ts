import type { NextRequest } from "next/server";
import { redirectLegacyPage } from "@/app/legacy-redirects";
import { groupPageHref } from "@/lib/page-urls";

// `group` arrives decoded once by Next.js; groupPageHref encodes it once again.
export async function GET(request: NextRequest, { params }: { params: Promise<{ group: string }> }) {
  const { group } = await params;
  return redirectLegacyPage(request, (cluster) => groupPageHref(cluster, group));
}
