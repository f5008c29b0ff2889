// Indexes shared by the steps of buildFlowGraph: everything is looked up by Map, never by a
// scan, so the builder stays linear in the size of the catalog plus the snapshot.
import type { ClusterSnapshot, GroupSnapshot, TopicConformance, TopicSnapshot } from "@/lib/collector/types";
import { createProducerResolver } from "@/lib/flow/producers";
import type {
  FlowCatalog,
  FlowCatalogContract,
  FlowCatalogService,
  FlowEdge,
  ObservedProducers,
} from "@/lib/flow/types";

export type BuildFlowGraphInput = {
  catalog: FlowCatalog;
  snapshot: ClusterSnapshot | null;
  observedProducers: ObservedProducers;
  /** Defaults to the snapshot's cluster; contracts of other clusters are ignored. */
  cluster?: string;
};

/** An edge while it is being built: declared/observed become its classification at the end.
 * The edge object is the final one (mutated in place: no copies of thousands of edges). */
export type EdgeDraft = {
  edge: FlowEdge;
  declared: boolean;
  observed: boolean;
  /** Why a declared edge is not observed, worded for a person. */
  notObservedReason: string | null;
  /** The status reason of the worst group behind a consume edge. */
  statusReason: string | null;
};

export type BuildContext = {
  cluster: string;
  /** False without a snapshot: nothing can be called "not observed" then. */
  observing: boolean;
  snapshot: ClusterSnapshot | null;
  observedProducers: ObservedProducers;
  servicesBySlug: Map<string, FlowCatalogService>;
  serviceSlugByGroup: Map<string, string>;
  contractsByTopic: Map<string, FlowCatalogContract>;
  declaredKeys: Set<string>;
  declaredProducersByTopic: Map<string, string[]>;
  declaredConsumers: { serviceSlug: string; topic: string }[];
  liveTopics: Map<string, TopicSnapshot>;
  internalTopics: Set<string>;
  liveGroupIds: Set<string>;
  /** Every topic that gets a node. */
  topicNames: Set<string>;
  unmappedGroups: Map<string, GroupSnapshot>;
  unmappedProducers: Set<string>;
  /** Header value → service slug (producerHeaderValues, default the slug); null = no service. */
  resolveProducer: (value: string) => string | null;
  /** The snapshot's conformance per topic (topics with a JSON Schema contract). */
  conformanceByTopic: Map<string, TopicConformance>;
  /** Filled by addProduceEdges for the topic nodes. */
  producerSamples: Map<string, { sampledRecords: number; unattributedRecords: number; unattributedRate: number | null }>;
  /** Filled by addProduceEdges: violations of records without the header, per topic. */
  unattributedViolations: Map<string, { checked: number; violations: number }>;
  edges: Map<string, EdgeDraft>;
};

export function toDeclarationKey(serviceSlug: string, topic: string, direction: string): string {
  return `${serviceSlug}\u0000${topic}\u0000${direction}`;
}

/** Kafka's own topics (__consumer_offsets, __transaction_state…) are not part of any flow. */
export function isInternalTopicName(topic: string): boolean {
  return topic.startsWith("__");
}

export function createBuildContext(input: BuildFlowGraphInput): BuildContext {
  const { catalog, snapshot } = input;
  const cluster = input.cluster ?? snapshot?.cluster ?? catalog.contracts[0]?.cluster ?? "local";
  const servicesBySlug = new Map(catalog.services.map((service) => [service.slug, service]));
  const serviceSlugByGroup = new Map<string, string>();
  for (const service of catalog.services) {
    for (const groupId of service.consumerGroups) {
      // A group claimed by two services belongs to the first; the catalog should not allow it.
      if (!serviceSlugByGroup.has(groupId)) serviceSlugByGroup.set(groupId, service.slug);
    }
  }
  const contractsByTopic = new Map<string, FlowCatalogContract>();
  for (const contract of catalog.contracts) {
    if (contract.cluster === cluster) contractsByTopic.set(contract.topic, contract);
  }

  const topicNames = new Set<string>(contractsByTopic.keys());
  const declaredKeys = new Set<string>();
  const declaredProducersByTopic = new Map<string, string[]>();
  const declaredConsumers: { serviceSlug: string; topic: string }[] = [];
  for (const flow of catalog.flows) {
    if (!servicesBySlug.has(flow.serviceSlug)) continue;
    const key = toDeclarationKey(flow.serviceSlug, flow.topic, flow.direction);
    if (declaredKeys.has(key)) continue;
    declaredKeys.add(key);
    topicNames.add(flow.topic);
    if (flow.direction === "produces") {
      const producers = declaredProducersByTopic.get(flow.topic) ?? [];
      producers.push(flow.serviceSlug);
      declaredProducersByTopic.set(flow.topic, producers);
    } else {
      declaredConsumers.push({ serviceSlug: flow.serviceSlug, topic: flow.topic });
    }
  }

  const liveTopics = new Map<string, TopicSnapshot>();
  const internalTopics = new Set<string>();
  for (const topic of snapshot?.topics ?? []) {
    if (topic.internal || isInternalTopicName(topic.name)) {
      internalTopics.add(topic.name);
      continue;
    }
    liveTopics.set(topic.name, topic);
    topicNames.add(topic.name);
  }

  return {
    cluster,
    observing: snapshot !== null,
    snapshot,
    observedProducers: input.observedProducers,
    servicesBySlug,
    serviceSlugByGroup,
    contractsByTopic,
    declaredKeys,
    declaredProducersByTopic,
    declaredConsumers,
    liveTopics,
    internalTopics,
    liveGroupIds: new Set((snapshot?.groups ?? []).map((group) => group.groupId)),
    topicNames,
    unmappedGroups: new Map(),
    unmappedProducers: new Set(),
    resolveProducer: createProducerResolver(catalog.services),
    conformanceByTopic: new Map((snapshot?.conformance ?? []).map((entry) => [entry.topic, entry])),
    producerSamples: new Map(),
    unattributedViolations: new Map(),
    edges: new Map(),
  };
}

type EdgeDraftFields = Pick<FlowEdge, "id" | "kind" | "source" | "target"> &
  Partial<Pick<FlowEdge, "rate" | "rateSource">> &
  Partial<Pick<EdgeDraft, "declared" | "observed" | "notObservedReason">>;

export function createEdgeDraft(fields: EdgeDraftFields): EdgeDraft {
  return {
    edge: {
      id: fields.id,
      kind: fields.kind,
      source: fields.source,
      target: fields.target,
      classification: "declared-observed",
      rate: fields.rate ?? null,
      rateSource: fields.rateSource ?? "none",
      lag: null,
      timeLagSeconds: null,
      status: null,
      groups: [],
      lagObjectiveSec: null,
      lagOverObjective: false,
      issues: [],
    },
    declared: fields.declared ?? false,
    observed: fields.observed ?? false,
    notObservedReason: fields.notObservedReason ?? null,
    statusReason: null,
  };
}
