import { isInternalTopicName, type BuildContext } from "@/lib/flow/build-context";
import { toGroupNodeId, toProducerNodeId, toServiceNodeId, toTopicNodeId } from "@/lib/flow/ids";
import { pickWorstStatus } from "@/lib/flow/status";
import type {
  FlowClassification,
  FlowEdge,
  FlowIssue,
  FlowNode,
  FlowServiceNode,
  FlowTopicNode,
} from "@/lib/flow/types";

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function classify(declared: boolean, observed: boolean): FlowClassification {
  if (declared && observed) return "declared-observed";
  return declared ? "declared-not-observed" : "observed-not-declared";
}

/** Nodes in a stable order: catalog services, unmapped groups, unmapped producers, topics. */
export function buildNodes(context: BuildContext, edges: FlowEdge[]): FlowNode[] {
  const edgesByNode = new Map<string, FlowEdge[]>();
  const addTo = (nodeId: string, edge: FlowEdge) => {
    const list = edgesByNode.get(nodeId);
    if (list) list.push(edge);
    else edgesByNode.set(nodeId, [edge]);
  };
  for (const edge of edges) {
    addTo(edge.source, edge);
    addTo(edge.target, edge);
  }
  const nodes: FlowNode[] = [];
  for (const service of context.servicesBySlug.values()) {
    nodes.push(buildServiceNode(context, service.slug, edgesByNode.get(toServiceNodeId(service.slug)) ?? []));
  }
  for (const groupId of [...context.unmappedGroups.keys()].sort(byName)) {
    const group = context.unmappedGroups.get(groupId)!;
    nodes.push({
      kind: "unmapped-group",
      id: toGroupNodeId(groupId),
      label: groupId,
      groupId,
      state: group.state,
      members: group.members.length,
      classification: "observed-not-declared",
      status: group.status,
      issues: [
        {
          kind: "undocumented",
          reason: `consumer group ${groupId} is live but no catalog service lists it`,
          link: { kind: "group", groupId },
        },
      ],
    });
  }
  for (const producer of [...context.unmappedProducers].sort(byName)) {
    nodes.push({
      kind: "unmapped-producer",
      id: toProducerNodeId(producer),
      label: producer,
      producer,
      classification: "observed-not-declared",
      status: null,
      issues: [
        {
          kind: "undocumented",
          reason: `messages carry producer "${producer}", which is no catalog service`,
          link: { kind: "new-service", slug: producer },
        },
      ],
    });
  }
  for (const topic of [...context.topicNames].sort(byName)) {
    if (isInternalTopicName(topic) || context.internalTopics.has(topic)) continue;
    nodes.push(buildTopicNode(context, topic, edgesByNode.get(toTopicNodeId(topic)) ?? []));
  }
  return nodes;
}

function buildServiceNode(context: BuildContext, slug: string, edges: FlowEdge[]): FlowServiceNode {
  const service = context.servicesBySlug.get(slug)!;
  const liveGroups = service.consumerGroups.filter((groupId) => context.liveGroupIds.has(groupId));
  let status = null;
  let observedEdge = false;
  let declaresFlows = false;
  for (const edge of edges) {
    if (edge.kind === "consumes") status = pickWorstStatus(status, edge.status);
    if (edge.classification !== "observed-not-declared") declaresFlows = true;
    if (edge.classification !== "declared-not-observed") observedEdge = true;
  }
  const observed = liveGroups.length > 0 || observedEdge;
  const issues: FlowIssue[] = [];
  // A catalog service with no Kafka footprint declared (a UI, say) is not drift.
  if (context.observing && !observed && (declaresFlows || service.consumerGroups.length > 0)) {
    issues.push({
      kind: "not-observed",
      reason: `${service.name}: no live consumer group and no observed production`,
      link: { kind: "service", slug },
    });
  }
  return {
    kind: "service",
    id: toServiceNodeId(slug),
    label: service.name,
    slug,
    teamSlug: service.teamSlug,
    teamName: service.teamName,
    tier: service.tier,
    tags: service.tags,
    consumerGroups: service.consumerGroups,
    liveGroups,
    classification: classify(true, observed),
    status,
    issues,
  };
}

function buildTopicNode(context: BuildContext, topic: string, edges: FlowEdge[]): FlowTopicNode {
  const live = context.liveTopics.get(topic);
  const contract = context.contractsByTopic.get(topic);
  const owner = contract ? context.servicesBySlug.get(contract.ownerServiceSlug) : undefined;
  let status = null;
  let declaredFlow = false;
  for (const edge of edges) {
    if (edge.kind === "consumes") status = pickWorstStatus(status, edge.status);
    if (edge.classification !== "observed-not-declared") declaredFlow = true;
  }
  const issues: FlowIssue[] = [];
  if (live && !contract) {
    issues.push({
      kind: "unowned-topic",
      reason: `${topic} has no contract, so no owner`,
      link: { kind: "new-contract", topic },
    });
  }
  if (contract && !owner) {
    issues.push({
      kind: "unowned-topic",
      reason: `${topic}'s owner ${contract.ownerServiceSlug} is not in the catalog`,
      link: { kind: "contract", topic },
    });
  }
  if (contract && !live && context.observing) {
    issues.push({
      kind: "not-observed",
      reason: `${topic} has a contract but is not on cluster ${context.cluster}`,
      link: { kind: "contract", topic },
    });
  }
  return {
    kind: "topic",
    id: toTopicNodeId(topic),
    label: topic,
    name: topic,
    live: live !== undefined,
    messagesPerSec: live?.messagesPerSec ?? null,
    partitions: live?.partitions.length ?? 0,
    contract: contract
      ? {
          ownerServiceSlug: contract.ownerServiceSlug,
          ownerTeamSlug: owner?.teamSlug ?? null,
          ownerTeamName: owner?.teamName ?? null,
          lagObjectiveSec: contract.lagObjectiveSec,
        }
      : null,
    classification: classify(contract !== undefined || declaredFlow, live !== undefined),
    status,
    issues,
  };
}
