import type { NextRequest } from "next/server";
import { redirectLegacyPage } from "@/app/legacy-redirects";
import { clusterPageHref } from "@/lib/page-urls";

export const GET = (request: NextRequest) => redirectLegacyPage(request, (cluster) => clusterPageHref(cluster, "topics"));
