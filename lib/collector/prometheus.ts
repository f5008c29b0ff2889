import type { ClusterState, GroupStatus } from "@/lib/collector/types";

const STATUS_CODES: Record<GroupStatus, number> = { OK: 0, INCOMPLETE: 1, WARNING: 2, REWOUND: 3, STALLED: 4, STOPPED: 5 };

const escapeLabel = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
const labels = (entries: Record<string, string>) =>
  `{${Object.entries(entries)
    .map(([name, value]) => `${name}="${escapeLabel(value)}"`)
    .join(",")}}`;

/** The latest snapshot of every cluster as Prometheus metrics (text exposition format 0.0.4). */
export function renderPrometheusMetrics(states: ClusterState[]): string {
  const lines: string[] = [];
  const metric = (name: string, help: string, samples: [Record<string, string>, number | null][], type: "gauge" | "counter" = "gauge") => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [sampleLabels, value] of samples) if (value !== null) lines.push(`${name}${labels(sampleLabels)} ${value}`);
  };
  metric(
    "tributary_snapshot_age_seconds",
    "Age of the latest successful sample of the cluster.",
    states.map((state) => [{ cluster: state.cluster }, state.ageSeconds]),
  );
  metric("tributary_cluster_up", "1 when the latest sample of the cluster succeeded.", states.map((state) => [{ cluster: state.cluster }, state.stale ? 0 : 1]));
  const snapshots = states.flatMap((state) => (state.snapshot ? [state.snapshot] : []));
  metric("tributary_cluster_brokers", "Brokers the cluster's metadata lists (live brokers).", snapshots.map((snapshot) => [{ cluster: snapshot.cluster }, snapshot.brokers.length]));
  // Cluster totals count every partition, internal topics' too (a __consumer_offsets partition
  // offline breaks groups); the per-topic gauges cover the non-internal topics like the others.
  metric(
    "tributary_cluster_under_replicated_partitions",
    "Partitions whose in-sync replicas are fewer than their replicas, internal topics included.",
    snapshots.map((snapshot) => [{ cluster: snapshot.cluster }, snapshot.totals.underReplicatedPartitions]),
  );
  metric(
    "tributary_cluster_offline_partitions",
    "Partitions without a leader (unreadable and unwritable), internal topics included.",
    snapshots.map((snapshot) => [{ cluster: snapshot.cluster }, snapshot.totals.offlinePartitions]),
  );
  const userTopics = snapshots.flatMap((snapshot) => snapshot.topics.filter((topic) => !topic.internal).map((topic) => ({ labels: { cluster: snapshot.cluster, topic: topic.name }, topic })));
  metric(
    "tributary_topic_under_replicated_partitions",
    "Partitions of the topic whose in-sync replicas are fewer than their replicas.",
    userTopics.map(({ labels: sampleLabels, topic }) => [sampleLabels, topic.underReplicatedPartitions]),
  );
  metric("tributary_topic_offline_partitions", "Partitions of the topic without a leader.", userTopics.map(({ labels: sampleLabels, topic }) => [sampleLabels, topic.offlinePartitions]));
  metric(
    "tributary_topic_messages_per_second",
    "Messages appended to the topic per second over the last interval.",
    userTopics.map(({ labels: sampleLabels, topic }) => [sampleLabels, topic.messagesPerSec]),
  );
  const groupTopics = snapshots.flatMap((snapshot) =>
    snapshot.groups.flatMap((group) => group.topics.map((topic) => ({ labels: { cluster: snapshot.cluster, group: group.groupId, topic: topic.topic }, topic }))),
  );
  metric("tributary_consumer_group_lag_messages", "Messages the group is behind on the topic (sum over partitions).", groupTopics.map(({ labels: sampleLabels, topic }) => [sampleLabels, topic.lag]));
  metric("tributary_consumer_group_lag_seconds", "Seconds the group is behind on the topic (worst partition).", groupTopics.map(({ labels: sampleLabels, topic }) => [sampleLabels, topic.timeLagSeconds]));
  metric(
    "tributary_consumer_group_status",
    "Group status on the topic: 0 OK, 1 INCOMPLETE, 2 WARNING, 3 REWOUND, 4 STALLED, 5 STOPPED.",
    groupTopics.map(({ labels: sampleLabels, topic }) => [sampleLabels, STATUS_CODES[topic.status]]),
  );
  // Counters since the collector started (they reset with the process, as Prometheus expects).
  const conformance = snapshots.flatMap((snapshot) =>
    snapshot.conformanceTotals.map((total) => ({ labels: { cluster: snapshot.cluster, topic: total.topic }, total })),
  );
  metric(
    "tributary_conformance_checked_total",
    "Sampled records checked against the topic's JSON Schema contract.",
    conformance.map(({ labels: sampleLabels, total }) => [sampleLabels, total.checked]),
    "counter",
  );
  metric(
    "tributary_conformance_violations_total",
    "Sampled records that broke the topic's JSON Schema contract (or were not JSON).",
    conformance.map(({ labels: sampleLabels, total }) => [sampleLabels, total.violations]),
    "counter",
  );
  return `${lines.join("\n")}\n`;
}
