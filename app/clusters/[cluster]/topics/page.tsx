import { TopicsTable } from "@/components/topics/topics-table";
import { getConfig } from "@/lib/env";
import { resolveCluster, type ClusterParams } from "@/app/clusters/[cluster]/page-params";
import { requireSignedIn } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Topics" };

export default async function TopicsPage({ params }: { params: ClusterParams }) {
  await requireSignedIn();
  const cluster = await resolveCluster(params);
  return (
    <div>
      <div className="page-header">
        <h1>Topics</h1>
      </div>
      <TopicsTable cluster={cluster.name} pollMs={getConfig().collectorIntervalMs} />
    </div>
  );
}
