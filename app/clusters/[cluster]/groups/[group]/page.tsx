import { GroupDetail } from "@/components/groups/group-detail";
import { AlertHistory } from "@/components/alerts/alert-history";
import { getConfig } from "@/lib/env";
import { requireObserved, resolveCluster, resolveName } from "@/app/clusters/[cluster]/page-params";
import { requireSignedIn } from "@/lib/auth/page";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ cluster: string; group: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: await resolveName(params, "group") };
}

export default async function GroupPage({ params }: Props) {
  await requireSignedIn();
  const cluster = await resolveCluster(params);
  const groupId = await resolveName(params, "group");
  requireObserved(cluster.name, "group", groupId);
  return (
    <>
      <GroupDetail cluster={cluster.name} groupId={groupId} pollMs={getConfig().collectorIntervalMs} />
      <AlertHistory filter={{ cluster: cluster.name, group: groupId }} />
    </>
  );
}
