import { notFound, permanentRedirect, redirect } from "next/navigation";
import { getConfig } from "@/lib/env";
import { clusterPageHref } from "@/lib/page-urls";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ cluster?: string | string[] }> };

/**
 * `/` is the first configured cluster's overview (a temporary redirect: the configuration can
 * change); the old `/?cluster=eu` form moved for good to `/clusters/eu`.
 */
export default async function HomePage({ searchParams }: Props) {
  const named = (await searchParams).cluster;
  if (typeof named === "string" && named !== "") permanentRedirect(clusterPageHref(named));
  const first = getConfig().clusters[0];
  if (!first) notFound();
  redirect(clusterPageHref(first.name));
}
