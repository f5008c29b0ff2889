import { notFound } from "next/navigation";
import { TopicsTable } from "@/components/topics/topics-table";
import { findCluster, getConfig } from "@/lib/env";

export const dynamic = "force-dynamic";
export const metadata = { title: "Topics" };

export default async function TopicsPage({ searchParams }: { searchParams: Promise<{ cluster?: string }> }) {
  const cluster = findCluster((await searchParams).cluster);
  if (!cluster) notFound();
  return (
    <div>
      <div className="page-header">
        <h1>Topics</h1>
      </div>
      <TopicsTable cluster={cluster.name} pollMs={getConfig().collectorIntervalMs} />
    </div>
  );
}
