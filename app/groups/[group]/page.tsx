import { notFound } from "next/navigation";
import { GroupDetail } from "@/components/groups/group-detail";
import { findCluster, getConfig } from "@/lib/env";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ group: string }>; searchParams: Promise<{ cluster?: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: decodeURIComponent((await params).group) };
}

export default async function GroupPage({ params, searchParams }: Props) {
  const cluster = findCluster((await searchParams).cluster);
  if (!cluster) notFound();
  const groupId = decodeURIComponent((await params).group);
  return <GroupDetail cluster={cluster.name} groupId={groupId} pollMs={getConfig().collectorIntervalMs} />;
}
