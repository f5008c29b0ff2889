import "server-only";
import type { ClusterState, GroupSnapshot, TopicSnapshot } from "@/lib/collector/types";
import { listUndocumentedGroups, listUnownedTopics } from "@/lib/catalog/live-join";
import { listLiveJoinKeys } from "@/lib/catalog/queries";
import { readLiveStates } from "@/lib/catalog/live";
import type { CatalogDb } from "@/lib/catalog/records";

/** One cluster's part of a live list; `items` is null when Kafka has given no snapshot yet. */
export type LiveListSection<T> = {
  cluster: string;
  stale: boolean;
  ageSeconds: number | null;
  lastError: string | null;
  collectorDown: boolean;
  items: T[] | null;
};

function sectionsOf<T>(states: ClusterState[], pick: (state: ClusterState & { snapshot: NonNullable<ClusterState["snapshot"]> }) => T[]): LiveListSection<T>[] {
  return states.map((state) => ({
    cluster: state.cluster,
    stale: state.stale,
    ageSeconds: state.ageSeconds,
    lastError: state.lastError,
    collectorDown: state.collector.down,
    items: state.snapshot ? pick(state as ClusterState & { snapshot: NonNullable<ClusterState["snapshot"]> }) : null,
  }));
}

/** Live topics with no contract, per cluster. Reads the catalog (may throw when the database is down). */
export async function findUnownedTopics(db: CatalogDb, states: ClusterState[] = readLiveStates()): Promise<LiveListSection<TopicSnapshot>[]> {
  const { contracts } = await listLiveJoinKeys(db);
  return sectionsOf(states, (state) => listUnownedTopics(state.snapshot, contracts));
}

/** Live consumer groups that no service lists, per cluster. */
export async function findUndocumentedGroups(db: CatalogDb, states: ClusterState[] = readLiveStates()): Promise<LiveListSection<GroupSnapshot>[]> {
  const { services } = await listLiveJoinKeys(db);
  return sectionsOf(states, (state) => listUndocumentedGroups(state.snapshot, services));
}
