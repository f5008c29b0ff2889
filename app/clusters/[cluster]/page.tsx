import { OverviewView } from "@/components/overview/overview-view";
import { getConfig } from "@/lib/env";
import { resolveCluster, type ClusterParams } from "@/app/clusters/[cluster]/page-params";
import { requireSignedIn } from "@/lib/auth/page";

export const dynamic = "force-dynamic";

export default async function OverviewPage({ params }: { params: ClusterParams }) {
  await requireSignedIn();
  const cluster = await resolveCluster(params);
  return <OverviewView cluster={cluster.name} pollMs={getConfig().collectorIntervalMs} />;
}
