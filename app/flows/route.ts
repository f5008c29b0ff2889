import type { NextRequest } from "next/server";
import { redirectLegacyPage } from "@/app/legacy-redirects";
import { clusterPageHref } from "@/lib/page-urls";

// `focus` and `synthetic` are carried over as they were.
export const GET = (request: NextRequest) => redirectLegacyPage(request, (cluster) => clusterPageHref(cluster, "flows"));
