/**
 * Inputs and output of the flow graph. Plain data only (no Prisma, no kafkajs types), so the
 * builder is testable on hand-made catalogs and the graph can travel as JSON to the browser.
 */
import type { GroupStatus } from "@/lib/collector/types";

export type FlowTier = "critical" | "high" | "medium" | "low";
export type FlowDirection = "produces" | "consumes";

export type FlowCatalogService = {
  slug: string;
  name: string;
  teamSlug: string;
  teamName: string;
  tier: FlowTier;
  tags: string[];
  /** Consumer group ids this service runs: the join key to live groups. */
  consumerGroups: string[];
  /** Producer header values this service writes (the join key to sampled records); empty = its slug. */
  producerHeaderValues?: string[];
};

export type FlowCatalogContract = {
  cluster: string;
  topic: string;
  ownerServiceSlug: string;
  /** Max seconds behind the head its consumers may be; null = no objective. */
  lagObjectiveSec: number | null;
};

export type FlowCatalogDeclaration = { serviceSlug: string; topic: string; direction: FlowDirection };

/** The catalog side of one cluster, as the flow builder needs it. */
export type FlowCatalog = {
  services: FlowCatalogService[];
  contracts: FlowCatalogContract[];
  flows: FlowCatalogDeclaration[];
};

/**
 * Producers seen in a sample of recent messages, by producer header:
 * topic → (header value → records seen in the sample; the null key counts records without the header).
 * Header values map to services through their producerHeaderValues (default: the slug).
 */
export type ObservedProducers = Map<string, Map<string | null, number>>;

/** Declared = in the catalog; observed = seen live on the cluster. */
export type FlowClassification = "declared-observed" | "declared-not-observed" | "observed-not-declared";

export type FlowIssueKind =
  /** Declared in the catalog but not seen live (idle or broken). */
  | "not-observed"
  /** Seen live but not in the catalog. */
  | "undocumented"
  /** Live topic with no contract, or a contract whose owner is unknown. */
  | "unowned-topic"
  /** A consumer's time lag is over the contract's lag objective. */
  | "lag-over-objective"
  /** A consumer's lag status is WARNING, STALLED, STOPPED or REWOUND. */
  | "unhealthy"
  /** Sampled records from a producer (or without producer header) broke the topic's contract. */
  | "contract-violations";

/** Where to fix or inspect something; turned into a URL by `buildFlowHref` only. */
export type FlowLinkTarget =
  | { kind: "service"; slug: string }
  | { kind: "new-service"; slug: string }
  | { kind: "contract"; topic: string }
  | { kind: "new-contract"; topic: string }
  | { kind: "group"; groupId: string }
  | { kind: "topic"; name: string };

export type FlowIssue = { kind: FlowIssueKind; reason: string; link: FlowLinkTarget };

type FlowNodeCommon = {
  id: string;
  label: string;
  classification: FlowClassification;
  /** Worst lag status of the consumption this node takes part in; null when none. */
  status: GroupStatus | null;
  issues: FlowIssue[];
  /** Sampled records this node produced (or, for a topic, held) that broke a contract; absent = none. */
  violations?: number;
};

export type FlowServiceNode = FlowNodeCommon & {
  kind: "service";
  slug: string;
  teamSlug: string;
  teamName: string;
  tier: FlowTier;
  tags: string[];
  consumerGroups: string[];
  /** The subset of consumerGroups present on the cluster now. */
  liveGroups: string[];
};

export type FlowUnmappedGroupNode = FlowNodeCommon & {
  kind: "unmapped-group";
  groupId: string;
  state: string;
  members: number;
};

/** A producer header value that names no catalog service. */
export type FlowUnmappedProducerNode = FlowNodeCommon & { kind: "unmapped-producer"; producer: string };

export type FlowTopicContractInfo = {
  ownerServiceSlug: string;
  ownerTeamSlug: string | null;
  ownerTeamName: string | null;
  lagObjectiveSec: number | null;
};

export type FlowTopicNode = FlowNodeCommon & {
  kind: "topic";
  name: string;
  /** Present on the cluster in the latest snapshot. */
  live: boolean;
  messagesPerSec: number | null;
  partitions: number;
  contract: FlowTopicContractInfo | null;
  /** The producer-header sample of the window; absent when nothing was sampled. */
  producerSample?: FlowProducerSample;
  /** Conformance of the sampled records to the contract's value schema; absent without a schema. */
  conformance?: FlowConformance;
};

export type FlowProducerSample = {
  sampledRecords: number;
  /** Records without the producer header. */
  unattributedRecords: number;
  /** Estimated msg/s of those records: their share × the topic's throughput. */
  unattributedRate: number | null;
};

export type FlowConformance = { checked: number; violations: number };

/** Several topics sharing a name prefix, drawn as one node when zoomed out. */
export type FlowAggregateNode = FlowNodeCommon & {
  kind: "aggregate";
  prefix: string;
  topicIds: string[];
  messagesPerSec: number | null;
  driftCount: number;
};

export type FlowNode =
  | FlowServiceNode
  | FlowUnmappedGroupNode
  | FlowUnmappedProducerNode
  | FlowTopicNode
  | FlowAggregateNode;

/** How an edge's rate was obtained. */
export type FlowRateSource = "group-commits" | "producer-sample" | "declared-split" | "none";

export type FlowEdge = {
  id: string;
  kind: FlowDirection;
  /** produces: service-like node → topic; consumes: topic → service-like node. */
  source: string;
  target: string;
  classification: FlowClassification;
  /** Messages per second; null when unknown (fewer than two samples). */
  rate: number | null;
  rateSource: FlowRateSource;
  /** Consume edges: messages behind, summed over the service's groups. */
  lag: number | null;
  /** Consume edges: seconds behind the head, worst of the service's groups. */
  timeLagSeconds: number | null;
  status: GroupStatus | null;
  /** Consumer groups behind a consume edge. */
  groups: string[];
  lagObjectiveSec: number | null;
  lagOverObjective: boolean;
  issues: FlowIssue[];
  /** Produce edges from the sample: records sampled from this producer, of the window's total. */
  sample?: { records: number; sampledRecords: number };
  /** Produce edges: conformance of this producer's sampled records; absent without a schema. */
  conformance?: FlowConformance;
  /** Aggregated edges only: how many topic edges this one stands for. */
  aggregatedCount?: number;
};

export type FlowGraph = {
  cluster: string;
  /** When the snapshot behind the observed side was taken; null = nothing observed yet. */
  sampledAt: number | null;
  nodes: FlowNode[];
  edges: FlowEdge[];
};

export type DriftSeverity = "danger" | "warning" | "info";

export type DriftItem = {
  id: string;
  elementType: "node" | "edge";
  elementId: string;
  kind: FlowIssueKind;
  severity: DriftSeverity;
  title: string;
  reason: string;
  href: string;
};
