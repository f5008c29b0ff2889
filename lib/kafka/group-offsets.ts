import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { chunks, groupBy } from "@/lib/collections";
import { decodeMemberAssignment, type Broker, type InternalCluster } from "@/lib/kafka/internal-cluster";
import { fetchGroupOffsetsBatch, supportsBatchedOffsetFetch, type CommittedOffsets, type GroupOffsetsAnswer } from "@/lib/kafka/offset-fetch-batch";
import type { RawGroup } from "@/lib/kafka/raw-sample";

// The consumer groups of one sample: their descriptions and committed offsets, read at each
// group's coordinator in batches.

const GROUP_CONCURRENCY = 16;
const DESCRIBE_BATCH = 100;
/** Groups per OffsetFetch v8 request: 10,000 groups in 20 round trips, each answer some 100 KB at a few partitions a group. */
const OFFSET_FETCH_BATCH = 500;
/** OffsetFetch batches in flight: a broker works through one connection's requests one at a time. */
const OFFSET_FETCH_CONCURRENCY = 4;
/** Brokers before OffsetFetch v8, one request per group: GROUP_CONCURRENCY in flight in all, as before. */
const GROUPS_PER_BATCH_IN_FLIGHT = GROUP_CONCURRENCY / OFFSET_FETCH_CONCURRENCY;

/** Caches each group's coordinator between samples; kafkajs would look it up on every call. */
const coordinatorCache = new Map<string, Map<string, number>>();

const cachedCoordinator = (clusterName: string, groupId: string) => coordinatorCache.get(clusterName)?.get(groupId);

async function findCoordinator(clusterName: string, cluster: InternalCluster, groupId: string): Promise<number> {
  const known = cachedCoordinator(clusterName, groupId);
  if (known !== undefined) return known;
  const { coordinator } = await cluster.findGroupCoordinatorMetadata({ groupId });
  let cache = coordinatorCache.get(clusterName);
  if (!cache) coordinatorCache.set(clusterName, (cache = new Map()));
  cache.set(groupId, coordinator.nodeId);
  return coordinator.nodeId;
}

/** Pauses before the second and third pass over groups whose coordinator was not ready (it may be loading them). */
const RETRY_DELAYS_MS = [0, 500];

/**
 * The groups each cluster's last read returned. ListGroups is not proof that a group is gone: a
 * broker shutting down (or moving its coordinators) answers it with an empty list and no error,
 * so a group missing from the list is described once more before it leaves a sample.
 */
const lastRead = new Map<string, Set<string>>();

/**
 * Groups a previous leader read (its saved state, restored on failover): the new leader's first
 * sample treats them as read before, so a broker shutting down just then cannot drop them either.
 */
export function rememberGroups(clusterName: string, groupIds: Iterable<string>): void {
  const known = lastRead.get(clusterName) ?? new Set<string>();
  for (const groupId of groupIds) known.add(groupId);
  lastRead.set(clusterName, known);
}

/**
 * Describes the groups and reads their committed offsets at their coordinators: the groups listed
 * now, and those of the last read that were not listed (gone for good only when their coordinator
 * says the group is Dead). A group whose coordinator did not answer or said it is not (any more)
 * the coordinator is looked up afresh and asked again, twice, in the same sample: a broker stopping
 * hands its coordinators to others, which may need a moment to load them. On the last attempt a
 * failed request fails the sample as before; so does a group the last read returned that still
 * has no coordinator (the previous sample stays, marked stale, rather than showing the group gone).
 * A new group still without a coordinator is left out of this sample.
 */
export async function describeGroupsWithOffsets(clusterName: string, cluster: InternalCluster, listedIds: string[]): Promise<RawGroup[]> {
  const known = lastRead.get(clusterName) ?? new Set<string>();
  const listed = new Set(listedIds);
  const groups = new Map<string, RawGroup>();
  const unread = new Map<string, number>();
  let pending = [...listedIds, ...[...known].filter((groupId) => !listed.has(groupId))];
  for (let attempt = 0; pending.length > 0; attempt++) {
    const lastAttempt = attempt === RETRY_DELAYS_MS.length;
    if (attempt > 0) await sleep(RETRY_DELAYS_MS[attempt - 1]!);
    pending = await describeGroupsOnce(clusterName, cluster, pending, groups, lastAttempt ? unread : null);
  }
  const missing = [...unread].filter(([groupId]) => known.has(groupId));
  if (missing.length > 0) throw new GroupsUnreadableError(describeUnreadGroups(missing));
  lastRead.set(clusterName, new Set(groups.keys()));
  return [...groups.values()].sort((a, b) => a.groupId.localeCompare(b.groupId));
}

/** Groups a sample must have could not be read: the brokers answered, so this is never "unreachable" (kafka-errors.ts). */
export class GroupsUnreadableError extends Error {
  override name = "GroupsUnreadableError";
}

const COORDINATOR_ERRORS: Record<number, string> = { 14: "COORDINATOR_LOAD_IN_PROGRESS", 15: "COORDINATOR_NOT_AVAILABLE", 16: "NOT_COORDINATOR" };

/** Why a sample failed when groups it knew could not be read, naming a few of them. */
export function describeUnreadGroups(unread: [groupId: string, errorCode: number][]): string {
  const shown = unread.slice(0, 3).map(([groupId, errorCode]) => `${JSON.stringify(groupId)}: ${COORDINATOR_ERRORS[errorCode] ?? `error ${errorCode}`}`);
  const more = unread.length > shown.length ? ` and ${unread.length - shown.length} more` : "";
  const count = unread.length === 1 ? "1 consumer group" : `${unread.length} consumer groups`;
  return `could not read ${count} at their coordinators (${shown.join(", ")}${more})`;
}

/**
 * One pass over `groupIds`; adds what it read to `groups` and returns the groups to ask again.
 * On the last attempt (`unread` given) nothing is asked again: groups whose coordinator still
 * answers with an error go to `unread` with its code, and a failed request throws.
 */
async function describeGroupsOnce(
  clusterName: string,
  cluster: InternalCluster,
  groupIds: string[],
  groups: Map<string, RawGroup>,
  unread: Map<string, number> | null,
): Promise<string[]> {
  const lastAttempt = unread !== null;
  const retry: string[] = [];
  const forget = (groupId: string) => coordinatorCache.get(clusterName)?.delete(groupId);
  const failed = (error: unknown, ids: string[]) => {
    ids.forEach(forget);
    if (lastAttempt) throw error;
    retry.push(...ids);
  };
  // Known coordinators are taken from the cache as they are; only the others are looked up (an async
  // call, its promises and its await for each of 10,000 cached groups: ~12 MB of garbage a sample).
  const coordinators = new Map<string, number>();
  const unknown: string[] = [];
  for (const groupId of groupIds) {
    const nodeId = cachedCoordinator(clusterName, groupId);
    if (nodeId === undefined) unknown.push(groupId);
    else coordinators.set(groupId, nodeId);
  }
  await runBounded(unknown, GROUP_CONCURRENCY, async (groupId) => {
    coordinators.set(groupId, await findCoordinator(clusterName, cluster, groupId));
  });
  const byCoordinator = groupBy(coordinators.keys(), (groupId) => coordinators.get(groupId)!);

  const described: RawGroup[] = [];
  for (const [nodeId, ids] of byCoordinator) {
    for (const batch of chunks(ids, DESCRIBE_BATCH)) {
      let answer: Awaited<ReturnType<Broker["describeGroups"]>>;
      try {
        answer = await (await cluster.findBroker({ nodeId })).describeGroups({ groupIds: batch });
      } catch (error) {
        failed(error, batch);
        continue;
      }
      for (const group of answer.groups) {
        // Deleted, or expired with its offsets. GROUP_ID_NOT_FOUND (69) is how DescribeGroups v6 would say it.
        if ((group.errorCode === 0 && group.state === "Dead") || group.errorCode === 69) continue;
        if (group.errorCode !== 0) {
          // NOT_COORDINATOR (16) or COORDINATOR_LOAD_IN_PROGRESS (14): look it up afresh.
          forget(group.groupId);
          if (unread) unread.set(group.groupId, group.errorCode);
          else retry.push(group.groupId);
          continue;
        }
        described.push({
          groupId: group.groupId,
          state: group.state,
          protocolType: group.protocolType,
          members: group.members.map((member) => ({
            memberId: member.memberId,
            clientId: member.clientId,
            host: member.clientHost.replace(/^\//, ""),
            assignments: group.protocolType === "consumer" ? safeDecode(member.memberAssignment) : [],
          })),
          committed: new Map(),
        });
      }
    }
  }

  // Each coordinator's first batch before any second one, so that all coordinators work at once.
  const batches = [...groupBy(described, (group) => coordinators.get(group.groupId)!)]
    .flatMap(([nodeId, atCoordinator]) =>
      chunks(atCoordinator, OFFSET_FETCH_BATCH).map((batch, index) => ({ nodeId, batch, index })),
    )
    .sort((a, b) => a.index - b.index);
  await runBounded(batches, OFFSET_FETCH_CONCURRENCY, async ({ nodeId, batch }) => {
    const ids = batch.map((group) => group.groupId);
    let answers: Map<string, GroupOffsetsAnswer>;
    try {
      answers = await fetchGroupOffsets(await cluster.findBroker({ nodeId }), ids);
    } catch (error) {
      failed(error, ids);
      return;
    }
    for (const group of batch) {
      const answer = answers.get(group.groupId)!;
      if ("error" in answer) {
        failed(answer.error, [group.groupId]);
        continue;
      }
      group.committed = answer.committed;
      groups.set(group.groupId, group);
    }
  });
  return retry;
}

/** The committed offsets of groups whose coordinator is `broker`: one request, or one per group before OffsetFetch v8. */
async function fetchGroupOffsets(broker: Broker, groupIds: string[]): Promise<Map<string, GroupOffsetsAnswer>> {
  if (supportsBatchedOffsetFetch(broker)) return fetchGroupOffsetsBatch(broker, groupIds);
  const answers = new Map<string, GroupOffsetsAnswer>();
  await runBounded(groupIds, GROUPS_PER_BATCH_IN_FLIGHT, async (groupId) => {
    try {
      // An empty topic list is sent as null: every partition the group has committed.
      const { responses } = await broker.offsetFetch({ groupId, topics: [] });
      const committed: CommittedOffsets = new Map();
      for (const response of responses) {
        const partitions = new Map<number, number>();
        for (const partition of response.partitions) {
          const offset = Number(partition.offset);
          if (partition.errorCode === 0 && offset >= 0) partitions.set(partition.partition, offset);
        }
        if (partitions.size > 0) committed.set(response.topic, partitions);
      }
      answers.set(groupId, { committed });
    } catch (error) {
      answers.set(groupId, { error });
    }
  });
  return answers;
}

function safeDecode(buffer: Buffer) {
  try {
    return decodeMemberAssignment(buffer);
  } catch {
    return [];
  }
}

/** Runs `task` over `items` with at most `limit` in flight. */
async function runBounded<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await task(item);
    }
  });
  await Promise.all(workers);
}
