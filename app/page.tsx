import { notFound } from "next/navigation";
import { OverviewView } from "@/components/overview/overview-view";
import { findCluster, getConfig } from "@/lib/env";

export const dynamic = "force-dynamic";

export default async function OverviewPage({ searchParams }: { searchParams: Promise<{ cluster?: string }> }) {
  const cluster = findCluster((await searchParams).cluster);
  if (!cluster) notFound();
  return <OverviewView cluster={cluster.name} pollMs={getConfig().collectorIntervalMs} />;
}
