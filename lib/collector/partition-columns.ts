import type { PartitionInfo } from "@/lib/collector/types";

// A topic's partitions as parallel arrays, as the published snapshot carries them (format 3). A web
// replica keeps them as text until somebody reads that topic's `partitions` (its page, the metrics
// endpoint): lists, the overview and the flow graph read the summary and `partitionCount` only. At
// 15,000 partitions that is 15,000 objects and 45,000 arrays a replica no longer builds per sample.

export type PartitionColumns = {
  partition: number[];
  leader: number[];
  replicas: number[][];
  isr: number[][];
  offlineReplicas: number[][];
  start: number[];
  end: number[];
};

export function toPartitionColumns(partitions: readonly PartitionInfo[]): PartitionColumns {
  const columns: PartitionColumns = { partition: [], leader: [], replicas: [], isr: [], offlineReplicas: [], start: [], end: [] };
  for (const partition of partitions) {
    columns.partition.push(partition.partition);
    columns.leader.push(partition.leader);
    columns.replicas.push(partition.replicas);
    columns.isr.push(partition.isr);
    columns.offlineReplicas.push(partition.offlineReplicas);
    columns.start.push(partition.startOffset);
    columns.end.push(partition.endOffset);
  }
  return columns;
}

export function fromPartitionColumns(columns: PartitionColumns): PartitionInfo[] {
  return columns.partition.map((partition, index) => ({
    partition,
    leader: columns.leader[index]!,
    replicas: columns.replicas[index]!,
    isr: columns.isr[index]!,
    offlineReplicas: columns.offlineReplicas[index]!,
    startOffset: columns.start[index]!,
    endOffset: columns.end[index]!,
  }));
}
