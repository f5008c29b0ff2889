import { notFound } from "next/navigation";
import { GroupsTable } from "@/components/groups/groups-table";
import { findCluster, getConfig } from "@/lib/env";

export const dynamic = "force-dynamic";
export const metadata = { title: "Consumer groups" };

export default async function GroupsPage({ searchParams }: { searchParams: Promise<{ cluster?: string }> }) {
  const cluster = findCluster((await searchParams).cluster);
  if (!cluster) notFound();
  return (
    <div>
      <div className="page-header">
        <h1>Consumer groups</h1>
      </div>
      <GroupsTable cluster={cluster.name} pollMs={getConfig().collectorIntervalMs} />
    </div>
  );
}
