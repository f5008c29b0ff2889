import type { GroupSnapshot } from "@/lib/collector/types";
import { createEdgeDraft, isInternalTopicName, type BuildContext, type EdgeDraft } from "@/lib/flow/build-context";
import {
  toEdgeId,
  toGroupNodeId,
  toProducerNodeId,
  toServiceNodeId,
  toTopicNodeId,
} from "@/lib/flow/ids";
import { attributeSample, isTopicActive } from "@/lib/flow/producers";
import { pickWorstStatus } from "@/lib/flow/status";

/** Topics on which the group has at least one committed offset. */
function listCommittedTopics(group: GroupSnapshot): Set<string> {
  const withPartitionDetail = new Set<string>();
  const committed = new Set<string>();
  for (const partition of group.partitions) {
    withPartitionDetail.add(partition.topic);
    if (partition.committedOffset !== null) committed.add(partition.topic);
  }
  // A topic summary without per-partition detail only exists because of commits.
  for (const summary of group.topics) {
    if (!withPartitionDetail.has(summary.topic)) committed.add(summary.topic);
  }
  return committed;
}

function addNullable(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return a + b;
}

function maxNullable(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

/**
 * Observed consume edges: a live group with committed offsets on a topic consumes it. Groups map
 * to services through the catalog's consumer group ids; the rest become unmapped-group nodes.
 * Then declared consume flows either confirm an observed edge or add a not-observed one.
 */
export function addConsumeEdges(context: BuildContext): void {
  for (const group of context.snapshot?.groups ?? []) {
    const serviceSlug = context.serviceSlugByGroup.get(group.groupId);
    const consumerId = serviceSlug ? toServiceNodeId(serviceSlug) : toGroupNodeId(group.groupId);
    if (!serviceSlug) context.unmappedGroups.set(group.groupId, group);
    const committedTopics = listCommittedTopics(group);
    for (const summary of group.topics) {
      if (context.internalTopics.has(summary.topic) || isInternalTopicName(summary.topic)) continue;
      if (!committedTopics.has(summary.topic)) continue;
      context.topicNames.add(summary.topic);
      const source = toTopicNodeId(summary.topic);
      const id = toEdgeId(source, consumerId);
      let draft = context.edges.get(id);
      if (!draft) {
        draft = createEdgeDraft({ id, kind: "consumes", source, target: consumerId, rateSource: "group-commits" });
        context.edges.set(id, draft);
      }
      const { edge } = draft;
      draft.observed = true;
      edge.rate = addNullable(edge.rate, summary.consumedPerSec);
      edge.lag = addNullable(edge.lag, summary.lag);
      edge.timeLagSeconds = maxNullable(edge.timeLagSeconds, summary.timeLagSeconds);
      const worst = pickWorstStatus(edge.status, summary.status);
      if (worst !== edge.status || draft.statusReason === null) draft.statusReason = summary.statusReason;
      edge.status = worst;
      edge.groups.push(group.groupId);
    }
  }

  for (const { serviceSlug, topic } of context.declaredConsumers) {
    const source = toTopicNodeId(topic);
    const target = toServiceNodeId(serviceSlug);
    const id = toEdgeId(source, target);
    const existing = context.edges.get(id);
    if (existing) {
      existing.declared = true;
      continue;
    }
    const service = context.servicesBySlug.get(serviceSlug)!;
    const liveGroups = service.consumerGroups.filter((groupId) => context.liveGroupIds.has(groupId));
    const reason =
      service.consumerGroups.length === 0
        ? `${service.name} declares it consumes ${topic} but lists no consumer group ids`
        : liveGroups.length === 0
          ? `none of ${service.name}'s consumer groups (${service.consumerGroups.join(", ")}) is on the cluster`
          : `${liveGroups.join(", ")} has no committed offsets on ${topic} (idle or broken)`;
    context.edges.set(
      id,
      createEdgeDraft({
        id,
        kind: "consumes",
        source,
        target,
        declared: true,
        rate: context.observing ? 0 : null,
        notObservedReason: reason,
      }),
    );
  }
}

/**
 * Produce edges, from the catalog and from the sampled producer header. Kafka does not record who
 * wrote a message, so every produce rate here is an ESTIMATE: the topic's messages/s times each
 * producer's share of the sampled records, or split evenly between the declared producers when no
 * sampled record carries the header. Header values map to services through their declared
 * producer header values (default: the slug); a value no service declares becomes an
 * unmapped-producer node; records without the header are the topic's unattributed share.
 */
export function addProduceEdges(context: BuildContext): void {
  const topics = new Set([...context.declaredProducersByTopic.keys(), ...context.observedProducers.keys()]);
  for (const topic of topics) {
    if (isInternalTopicName(topic)) continue;
    context.topicNames.add(topic);
    const target = toTopicNodeId(topic);
    const liveTopic = context.liveTopics.get(topic);
    const topicRate = liveTopic?.messagesPerSec ?? null;
    const declaredProducers = context.declaredProducersByTopic.get(topic) ?? [];
    const counts = context.observedProducers.get(topic);
    const sample = counts ? attributeSample(counts, context.resolveProducer) : null;
    const estimate = (records: number) => (topicRate === null || !sample ? null : (topicRate * records) / sample.total);

    if (sample && sample.total > 0) {
      context.producerSamples.set(topic, {
        sampledRecords: sample.total,
        unattributedRecords: sample.unattributed,
        unattributedRate: estimate(sample.unattributed),
      });
      const addSampled = (source: string, records: number, declared: boolean) => {
        const id = toEdgeId(source, target);
        const draft = createEdgeDraft({ id, kind: "produces", source, target, observed: true, declared, rate: estimate(records), rateSource: "producer-sample" });
        draft.edge.sample = { records, sampledRecords: sample.total };
        context.edges.set(id, draft);
      };
      for (const [slug, records] of sample.byService) addSampled(toServiceNodeId(slug), records, declaredProducers.includes(slug));
      for (const [value, records] of sample.unknown) {
        context.unmappedProducers.add(value);
        addSampled(toProducerNodeId(value), records, false);
      }
    }

    // The header is in use on this topic when at least one sampled record carries it.
    const attributed = sample ? sample.total - sample.unattributed : 0;
    const active = isTopicActive(liveTopic);
    for (const serviceSlug of declaredProducers) {
      const source = toServiceNodeId(serviceSlug);
      const id = toEdgeId(source, target);
      if (context.edges.has(id)) continue;
      const observed = attributed === 0 && active;
      const unattributedNote = sample && sample.unattributed > 0 ? ` (${sample.unattributed} carried no producer header)` : "";
      const reason =
        attributed > 0
          ? `not among the producers of ${sample!.total} sampled recent messages on ${topic}${unattributedNote}`
          : !liveTopic
            ? `${topic} is not on the cluster`
            : `no messages appended to ${topic} during the last interval (idle)`;
      context.edges.set(
        id,
        createEdgeDraft({
          id,
          kind: "produces",
          source,
          target,
          declared: true,
          observed,
          rate: observed ? (topicRate === null ? null : topicRate / declaredProducers.length) : context.observing ? 0 : null,
          rateSource: observed ? "declared-split" : "none",
          notObservedReason: observed ? null : reason,
        }),
      );
    }
  }
  addConformance(context);
}

/** Marks produce edges with their producer's conformance; records without the header count on the topic. */
function addConformance(context: BuildContext): void {
  for (const conformance of context.conformanceByTopic.values()) {
    const target = toTopicNodeId(conformance.topic);
    for (const entry of conformance.byProducer) {
      if (entry.checked <= 0) continue;
      if (entry.value === null) {
        context.unattributedViolations.set(conformance.topic, { checked: entry.checked, violations: entry.violations });
        continue;
      }
      const slug = context.resolveProducer(entry.value);
      const id = toEdgeId(slug ? toServiceNodeId(slug) : toProducerNodeId(entry.value), target);
      // A producer checked but absent from the producer sample (windows differ slightly) has no edge to mark.
      const edge = context.edges.get(id)?.edge;
      if (!edge) continue;
      const current = edge.conformance ?? { checked: 0, violations: 0 };
      edge.conformance = { checked: current.checked + entry.checked, violations: current.violations + entry.violations };
    }
  }
}

export function listEdgeDrafts(context: BuildContext): EdgeDraft[] {
  return [...context.edges.values()].sort((a, b) => (a.edge.id < b.edge.id ? -1 : a.edge.id > b.edge.id ? 1 : 0));
}
