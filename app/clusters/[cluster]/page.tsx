import { OverviewView } from "@/components/overview/overview-view";
import { getConfig } from "@/lib/env";
import { resolveCluster, type ClusterParams } from "@/app/clusters/[cluster]/page-params";

export const dynamic = "force-dynamic";

export default async function OverviewPage({ params }: { params: ClusterParams }) {
  const cluster = await resolveCluster(params);
  return <OverviewView cluster={cluster.name} pollMs={getConfig().collectorIntervalMs} />;
}
