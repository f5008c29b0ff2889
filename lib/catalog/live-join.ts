// Joins the catalog (what people declared) with the collector's snapshot (what Kafka shows).
// Pure functions over plain data: pages and route handlers fetch both sides and call these.
import type { ClusterSnapshot, ClusterState, GroupSnapshot, GroupStatus, TopicSnapshot } from "@/lib/collector/types";

export type ContractKey = { cluster: string; topic: string };
export type ServiceGroupMapping = { slug: string; consumerGroups: string[] };

/** Kafka's own topics (__consumer_offsets, __transaction_state…) are nobody's contract to write. */
export function isInternalTopic(topic: Pick<TopicSnapshot, "name" | "internal">): boolean {
  return topic.internal || topic.name.startsWith("__");
}

/** Live, non-internal topics of this snapshot's cluster that no contract describes, by name. */
export function listUnownedTopics(snapshot: ClusterSnapshot, contracts: ContractKey[]): TopicSnapshot[] {
  const documented = new Set(contracts.filter((contract) => contract.cluster === snapshot.cluster).map((contract) => contract.topic));
  return snapshot.topics
    .filter((topic) => !isInternalTopic(topic) && !documented.has(topic.name))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Live consumer groups that no service lists among its consumer group ids, by id. */
export function listUndocumentedGroups(snapshot: ClusterSnapshot, services: ServiceGroupMapping[]): GroupSnapshot[] {
  const mapped = new Set(services.flatMap((service) => service.consumerGroups));
  return snapshot.groups
    .filter((group) => !mapped.has(group.groupId))
    .sort((a, b) => a.groupId.localeCompare(b.groupId));
}

export type LagObjectiveVerdict = "met" | "exceeded" | "unknown" | "no-objective";

/**
 * Judges a consumer against its contract's lag objective (max seconds behind). With no time lag
 * estimate yet, zero lag still counts as met; any other lag is unknown rather than guessed.
 */
export function evaluateLagObjective(timeLagSeconds: number | null, lag: number, objectiveSec: number | null): LagObjectiveVerdict {
  if (objectiveSec === null) return "no-objective";
  if (timeLagSeconds === null) return lag === 0 ? "met" : "unknown";
  return timeLagSeconds > objectiveSec ? "exceeded" : "met";
}

export type ServiceTopicRole = "owner" | "produces" | "consumes";
export type ServiceTopicRef = ContractKey & { roles: ServiceTopicRole[]; lagObjectiveSec: number | null };

export type ServiceTopicLive = ServiceTopicRef & {
  /** "missing" when the cluster was sampled but has no such topic; "no-snapshot" when Kafka gave nothing yet. */
  presence: "live" | "missing" | "no-snapshot";
  messagesPerSec: number | null;
  partitions: number | null;
  messageCount: number | null;
};

export type ServiceGroupTopicLive = {
  topic: string;
  lag: number;
  timeLagSeconds: number | null;
  consumedPerSec: number | null;
  status: GroupStatus;
  lagObjectiveSec: number | null;
  objective: LagObjectiveVerdict;
};

export type ServiceGroupLive = {
  groupId: string;
  /** null when no sampled cluster has this group. */
  cluster: string | null;
  state: string | null;
  status: GroupStatus | null;
  statusReason: string | null;
  lag: number | null;
  timeLagSeconds: number | null;
  topics: ServiceGroupTopicLive[];
};

function findTopic(states: ClusterState[], key: ContractKey) {
  const state = states.find((candidate) => candidate.cluster === key.cluster);
  if (!state?.snapshot) return { presence: "no-snapshot" as const, topic: null };
  const topic = state.snapshot.topics.find((candidate) => candidate.name === key.topic) ?? null;
  return { presence: topic ? ("live" as const) : ("missing" as const), topic };
}

/** A service's topics with live throughput, and its consumer groups with lag against the objectives. */
export function summarizeServiceLive(
  service: ServiceGroupMapping,
  topics: ServiceTopicRef[],
  states: ClusterState[],
  /** Lag objectives of every contract, for groups reading topics the service never declared. */
  objectives: (ContractKey & { lagObjectiveSec: number | null })[] = topics,
): { topics: ServiceTopicLive[]; groups: ServiceGroupLive[] } {
  const topicRows = topics.map((ref): ServiceTopicLive => {
    const { presence, topic } = findTopic(states, ref);
    return {
      ...ref,
      presence,
      messagesPerSec: topic?.messagesPerSec ?? null,
      partitions: topic ? topic.partitionCount : null,
      messageCount: topic?.messageCount ?? null,
    };
  });

  const objectiveOf = (cluster: string, topic: string) =>
    objectives.find((ref) => ref.cluster === cluster && ref.topic === topic)?.lagObjectiveSec ?? null;

  const groupRows = service.consumerGroups.flatMap((groupId): ServiceGroupLive[] => {
    const found = states.flatMap((state) => {
      const group = state.snapshot?.groups.find((candidate) => candidate.groupId === groupId);
      return group ? [{ cluster: state.cluster, group }] : [];
    });
    if (found.length === 0) {
      return [{ groupId, cluster: null, state: null, status: null, statusReason: null, lag: null, timeLagSeconds: null, topics: [] }];
    }
    return found.map(({ cluster, group }) => ({
      groupId,
      cluster,
      state: group.state,
      status: group.status,
      statusReason: group.statusReason,
      lag: group.lag,
      timeLagSeconds: group.timeLagSeconds,
      topics: group.topics.map((summary) => {
        const lagObjectiveSec = objectiveOf(cluster, summary.topic);
        return {
          topic: summary.topic,
          lag: summary.lag,
          timeLagSeconds: summary.timeLagSeconds,
          consumedPerSec: summary.consumedPerSec,
          status: summary.status,
          lagObjectiveSec,
          objective: evaluateLagObjective(summary.timeLagSeconds, summary.lag, lagObjectiveSec),
        };
      }),
    }));
  });

  return { topics: topicRows, groups: groupRows };
}

export type TopicReaderLive = {
  groupId: string;
  /** The service that lists this group, or null for an undocumented group. */
  service: string | null;
  status: GroupStatus;
  lag: number;
  timeLagSeconds: number | null;
  objective: LagObjectiveVerdict;
};

/** Every live group reading `topic`, with the service it maps to and its lag against the objective. */
export function listTopicReaders(snapshot: ClusterSnapshot, topic: string, services: ServiceGroupMapping[], objectiveSec: number | null): TopicReaderLive[] {
  return snapshot.groups
    .flatMap((group) => {
      const summary = group.topics.find((entry) => entry.topic === topic);
      if (!summary) return [];
      return [{
        groupId: group.groupId,
        service: services.find((service) => service.consumerGroups.includes(group.groupId))?.slug ?? null,
        status: summary.status,
        lag: summary.lag,
        timeLagSeconds: summary.timeLagSeconds,
        objective: evaluateLagObjective(summary.timeLagSeconds, summary.lag, objectiveSec),
      }];
    })
    .sort((a, b) => a.groupId.localeCompare(b.groupId));
}
