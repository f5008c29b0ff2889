import { describe, expect, it } from "vitest";
import { renderPrometheusMetrics } from "@/lib/collector/prometheus";
import type { ClusterState } from "@/lib/collector/types";

describe("renderPrometheusMetrics", () => {
  it("exports lag, time lag, status and throughput with escaped labels", () => {
    const state = {
      cluster: "local",
      stale: false,
      ageSeconds: 2,
      lastError: null,
      lastAttemptAt: 0,
      consecutiveFailures: 0,
      snapshot: {
        cluster: "local",
        brokers: [{ nodeId: 1 }, { nodeId: 3 }],
        topics: [
          { name: "orders", internal: false, messagesPerSec: 4.5, underReplicatedPartitions: 3, offlinePartitions: 0 },
          { name: "pinned", internal: false, messagesPerSec: 0, underReplicatedPartitions: 2, offlinePartitions: 2 },
          { name: "__consumer_offsets", internal: true, messagesPerSec: 1, underReplicatedPartitions: 10, offlinePartitions: 0 },
        ],
        totals: { underReplicatedPartitions: 15, offlinePartitions: 2 },
        groups: [{ groupId: 'we"ird', topics: [{ topic: "orders", lag: 12, timeLagSeconds: 3.5, status: "WARNING" }] }],
        conformanceTotals: [{ topic: "orders", checked: 40, violations: 3 }],
      },
    } as unknown as ClusterState;
    const text = renderPrometheusMetrics([state]);
    expect(text).toContain('tributary_topic_messages_per_second{cluster="local",topic="orders"} 4.5');
    expect(text).not.toContain("__consumer_offsets");
    expect(text).toContain('tributary_consumer_group_lag_messages{cluster="local",group="we\\"ird",topic="orders"} 12');
    expect(text).toContain('tributary_consumer_group_lag_seconds{cluster="local",group="we\\"ird",topic="orders"} 3.5');
    expect(text).toContain('tributary_consumer_group_status{cluster="local",group="we\\"ird",topic="orders"} 2');
    expect(text).toContain('tributary_cluster_up{cluster="local"} 1');
    expect(text).toContain('tributary_cluster_brokers{cluster="local"} 2\n');
    expect(text).toContain('tributary_cluster_under_replicated_partitions{cluster="local"} 15\n');
    expect(text).toContain('tributary_cluster_offline_partitions{cluster="local"} 2\n');
    expect(text).toContain('tributary_topic_under_replicated_partitions{cluster="local",topic="orders"} 3\ntributary_topic_under_replicated_partitions{cluster="local",topic="pinned"} 2\n');
    expect(text).toContain('tributary_topic_offline_partitions{cluster="local",topic="orders"} 0\ntributary_topic_offline_partitions{cluster="local",topic="pinned"} 2\n');
    expect(text).toContain('# TYPE tributary_conformance_checked_total counter\ntributary_conformance_checked_total{cluster="local",topic="orders"} 40\n');
    expect(text).toContain('# TYPE tributary_conformance_violations_total counter\ntributary_conformance_violations_total{cluster="local",topic="orders"} 3\n');
  });
});
