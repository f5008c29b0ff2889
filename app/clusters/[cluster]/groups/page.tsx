import { GroupsTable } from "@/components/groups/groups-table";
import { INITIAL_GROUP_LIST, groupListParams } from "@/components/groups/group-list-params";
import { getConfig } from "@/lib/env";
import { getClusterState } from "@/lib/collector";
import { listGroups } from "@/lib/collector/queries";
import { freshnessOf } from "@/lib/api/cluster-state";
import { pageCan } from "@/lib/auth/page";
import { groupListResponseSchema, type GroupListResponse } from "@/lib/validation/api/groups";
import { groupListQuerySchema } from "@/lib/validation/observability";
import { resolveCluster, type ClusterParams } from "@/app/clusters/[cluster]/page-params";
import { requireSignedIn } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Consumer groups" };

export default async function GroupsPage({ params }: { params: ClusterParams }) {
  await requireSignedIn();
  const cluster = await resolveCluster(params);
  return (
    <div>
      <div className="page-header">
        <h1>Consumer groups</h1>
      </div>
      <GroupsTable cluster={cluster.name} pollMs={getConfig().collectorIntervalMs} initialPage={await firstPage(cluster.name)} />
    </div>
  );
}

/**
 * The first page of the list (50 rows, as the list API would answer it), rendered with the HTML so
 * a 10,000-group cluster's rows are on screen without waiting for the scripts and a round trip.
 * null when there is no snapshot yet or the viewer may not read it: the table then asks the API.
 */
async function firstPage(cluster: string): Promise<GroupListResponse | null> {
  const state = getClusterState(cluster);
  if (!state?.snapshot || !(await pageCan({ kind: "catalog.read" }))) return null;
  const query = groupListQuerySchema.parse(groupListParams(INITIAL_GROUP_LIST));
  return groupListResponseSchema.parse({ freshness: freshnessOf(state, state.snapshot), ...listGroups(state.snapshot, query) });
}
