import { GroupsTable } from "@/components/groups/groups-table";
import { getConfig } from "@/lib/env";
import { resolveCluster, type ClusterParams } from "@/app/clusters/[cluster]/page-params";

export const dynamic = "force-dynamic";
export const metadata = { title: "Consumer groups" };

export default async function GroupsPage({ params }: { params: ClusterParams }) {
  const cluster = await resolveCluster(params);
  return (
    <div>
      <div className="page-header">
        <h1>Consumer groups</h1>
      </div>
      <GroupsTable cluster={cluster.name} pollMs={getConfig().collectorIntervalMs} />
    </div>
  );
}
