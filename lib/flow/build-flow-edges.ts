import type { GroupSnapshot, TopicSnapshot } from "@/lib/collector/types";
import { createEdgeDraft, isInternalTopicName, type BuildContext, type EdgeDraft } from "@/lib/flow/build-context";
import {
  toEdgeId,
  toGroupNodeId,
  toProducerNodeId,
  toServiceNodeId,
  toTopicNodeId,
} from "@/lib/flow/ids";
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

/** A topic is written to when its end offsets moved in the last interval (or, before a rate
 * exists, when it holds messages at all). */
function isTopicActive(topic: TopicSnapshot | undefined): boolean {
  if (!topic) return false;
  if (topic.messagesPerSec === null) return topic.messageCount > 0;
  return topic.messagesPerSec > 0;
}

/**
 * Produce edges, from the catalog and from the sampled producer header. Kafka does not record who
 * wrote a message, so every produce rate here is an ESTIMATE: the topic's messages/s split by each
 * producer's share of the sampled messages, or evenly between the declared producers when no
 * sampled message carries the header.
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
    const samples = context.observedProducers.get(topic);
    let sampleTotal = 0;
    for (const count of samples?.values() ?? []) sampleTotal += Math.max(0, count);

    if (samples && sampleTotal > 0) {
      for (const [producer, count] of samples) {
        if (count <= 0) continue;
        const known = context.servicesBySlug.has(producer);
        if (!known) context.unmappedProducers.add(producer);
        const source = known ? toServiceNodeId(producer) : toProducerNodeId(producer);
        const id = toEdgeId(source, target);
        context.edges.set(
          id,
          createEdgeDraft({
            id,
            kind: "produces",
            source,
            target,
            observed: true,
            declared: known && declaredProducers.includes(producer),
            rate: topicRate === null ? null : (topicRate * count) / sampleTotal,
            rateSource: "producer-sample",
          }),
        );
      }
    }

    const active = isTopicActive(liveTopic);
    for (const serviceSlug of declaredProducers) {
      const source = toServiceNodeId(serviceSlug);
      const id = toEdgeId(source, target);
      if (context.edges.has(id)) continue;
      const sampled = samples !== undefined && sampleTotal > 0;
      const observed = !sampled && active;
      const reason = sampled
        ? `not among the producers of ${sampleTotal} sampled recent messages on ${topic}`
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
}

export function listEdgeDrafts(context: BuildContext): EdgeDraft[] {
  return [...context.edges.values()].sort((a, b) => (a.edge.id < b.edge.id ? -1 : a.edge.id > b.edge.id ? 1 : 0));
}
