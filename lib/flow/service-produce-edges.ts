// A service's produce edges across clusters, classified like its consume edges: declared and seen
// in the producer-header sample, seen but not declared, or declared only. Pure: the same rows as
// the topic page's producers table (describeTopicProducers), regrouped by service.
import type { ClusterSnapshot } from "@/lib/collector/types";
import { describeTopicProducers, type ProducerIdentity, type TopicProducerRow } from "@/lib/flow/producers";
import type { FlowClassification, FlowConformance } from "@/lib/flow/types";

export type ServiceProduceEdge = {
  cluster: string;
  topic: string;
  classification: FlowClassification;
  /** Header values of this service seen on the topic. */
  values: string[];
  records: number;
  sampledRecords: number;
  /** Of the topic's sampled records, 0–1. */
  share: number;
  /** msg/s, an ESTIMATE (share × topic throughput, or an even split between declared producers). */
  estimatedRate: number | null;
  rateSource: TopicProducerRow["rateSource"];
  conformance: FlowConformance | null;
};

export type DescribeServiceProduceEdgesInput = {
  slug: string;
  services: ProducerIdentity[];
  /** Every declared produce flow of the catalog (all services: an even split needs them all). */
  declaredProduces: { serviceSlug: string; cluster: string; topic: string }[];
  snapshots: ClusterSnapshot[];
};

export function describeServiceProduceEdges(input: DescribeServiceProduceEdgesInput): ServiceProduceEdge[] {
  const edges: ServiceProduceEdge[] = [];
  for (const snapshot of input.snapshots) {
    const declaredByTopic = new Map<string, string[]>();
    for (const flow of input.declaredProduces) {
      if (flow.cluster !== snapshot.cluster) continue;
      declaredByTopic.set(flow.topic, [...(declaredByTopic.get(flow.topic) ?? []), flow.serviceSlug]);
    }
    const samples = new Map((snapshot.producers ?? []).map((entry) => [entry.topic, entry]));
    const topics = new Set([...samples.keys(), ...[...declaredByTopic].filter(([, slugs]) => slugs.includes(input.slug)).map(([topic]) => topic)]);
    for (const topic of [...topics].sort()) {
      const rows = describeTopicProducers({
        sample: samples.get(topic) ?? null,
        services: input.services,
        declaredProducers: declaredByTopic.get(topic) ?? [],
        topic: snapshot.topics.find((entry) => entry.name === topic) ?? null,
        conformance: (snapshot.conformance ?? []).find((entry) => entry.topic === topic) ?? null,
      }).filter((row) => row.serviceSlug === input.slug);
      if (rows.length === 0) continue;
      edges.push(mergeRows(snapshot.cluster, topic, samples.get(topic)?.sampledRecords ?? 0, rows));
    }
  }
  return edges;
}

function mergeRows(cluster: string, topic: string, sampledRecords: number, rows: TopicProducerRow[]): ServiceProduceEdge {
  const checked = rows.flatMap((row) => (row.conformance ? [row.conformance] : []));
  const conformance: FlowConformance | null =
    checked.length === 0
      ? null
      : { checked: checked.reduce((sum, entry) => sum + entry.checked, 0), violations: checked.reduce((sum, entry) => sum + entry.violations, 0) };
  const rates = rows.map((row) => row.estimatedRate).filter((rate): rate is number => rate !== null);
  return {
    cluster,
    topic,
    // Rows of one service on one topic share their classification (it depends on the service only).
    classification: rows[0]!.classification as FlowClassification,
    values: rows.map((row) => row.value).filter((value): value is string => value !== null),
    records: rows.reduce((sum, row) => sum + row.records, 0),
    sampledRecords,
    share: rows.reduce((sum, row) => sum + row.share, 0),
    estimatedRate: rates.length > 0 ? rates.reduce((sum, rate) => sum + rate, 0) : null,
    rateSource: rows[0]!.rateSource,
    conformance,
  };
}
