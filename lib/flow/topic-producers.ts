import "server-only";
// The catalog side of one topic's producers, joined with the latest snapshot's sample.
import type { ClusterSnapshot } from "@/lib/collector/types";
import { getDb } from "@/lib/db";
import { describeTopicProducers, toConformancePercent, type TopicProducerRow } from "@/lib/flow/producers";
import type { TopicConformanceView } from "@/lib/validation/api/topics";

/** The snapshot's conformance of a topic with its conformance %; null when the topic has no JSON Schema contract. */
export function getTopicConformance(snapshot: ClusterSnapshot, topic: string): TopicConformanceView | null {
  const conformance = (snapshot.conformance ?? []).find((entry) => entry.topic === topic);
  return conformance ? { ...conformance, percent: toConformancePercent(conformance) } : null;
}

/**
 * Producers of a topic: every header value sampled in the window mapped to its catalog service,
 * unattributed records, and declared producers not seen. Reads the catalog (throws when the
 * database is unreadable); the sample comes from the snapshot in memory.
 */
export async function getTopicProducers(snapshot: ClusterSnapshot, topic: string): Promise<TopicProducerRow[]> {
  const db = getDb();
  const [services, contract] = await Promise.all([
    db.service.findMany({ orderBy: { slug: "asc" }, select: { slug: true, producerHeaderValues: true } }),
    db.topicContract.findUnique({
      where: { cluster_topic: { cluster: snapshot.cluster, topic } },
      select: { flows: { where: { direction: "produces" }, select: { service: { select: { slug: true } } } } },
    }),
  ]);
  return describeTopicProducers({
    sample: (snapshot.producers ?? []).find((entry) => entry.topic === topic) ?? null,
    services,
    declaredProducers: (contract?.flows ?? []).map((flow) => flow.service.slug).sort(),
    topic: snapshot.topics.find((entry) => entry.name === topic) ?? null,
    conformance: (snapshot.conformance ?? []).find((entry) => entry.topic === topic) ?? null,
  });
}
