import type { NextRequest } from "next/server";
import { redirectLegacyPage } from "@/app/legacy-redirects";
import { topicPageHref } from "@/lib/page-urls";

// `topic` arrives decoded once by Next.js; topicPageHref encodes it once again.
export async function GET(request: NextRequest, { params }: { params: Promise<{ topic: string }> }) {
  const { topic } = await params;
  return redirectLegacyPage(request, (cluster) => topicPageHref(cluster, topic));
}
