import "server-only";
import { fetchKeepingPartitionErrors, type InternalCluster, type RawFetchedPartition } from "@/lib/kafka/internal-cluster";

/** One partition of a leader fetch: where to start and how many bytes it may return. */
export type PartitionRead = { topic: string; partition: number; fetchOffset: number; maxBytes: number };

/** Key of a partition in the answer of `fetchFromLeader`. */
export const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/**
 * One replica-less Fetch to a leader broker for many partitions (no group, no commit, invisible to
 * consumers), never waiting for data: every partition asked for has records from its offset. Each
 * partition keeps its own error code in the answer, keyed by `partitionKey`.
 */
export async function fetchFromLeader(
  cluster: InternalCluster,
  leader: number,
  reads: PartitionRead[],
  maxRequestBytes: number,
): Promise<Map<string, RawFetchedPartition>> {
  const broker = await cluster.findBroker({ nodeId: leader });
  const byTopic = new Map<string, PartitionRead[]>();
  for (const read of reads) {
    const list = byTopic.get(read.topic);
    if (list) list.push(read);
    else byTopic.set(read.topic, [read]);
  }
  const { responses } = await fetchKeepingPartitionErrors(broker, {
    replicaId: -1,
    isolationLevel: 0,
    maxWaitTime: 0,
    minBytes: 0,
    maxBytes: maxRequestBytes,
    topics: [...byTopic].map(([topic, list]) => ({
      topic,
      partitions: list.map((read) => ({ partition: read.partition, fetchOffset: String(read.fetchOffset), maxBytes: read.maxBytes })),
    })),
  });
  const answer = new Map<string, RawFetchedPartition>();
  for (const response of responses) {
    for (const partition of response.partitions) answer.set(partitionKey(response.topicName, partition.partition), partition);
  }
  return answer;
}

/** The promise's value, or undefined once `deadline` (ms since epoch) passes; a late rejection is ignored. */
export function withDeadline<T>(promise: Promise<T>, deadline: number): Promise<T | undefined> {
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
