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

function describeNodeName(nodeId: string): string {
  return nodeId.slice(nodeId.indexOf(":") + 1);
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function classify(declared: boolean, observed: boolean): FlowClassification {
  if (declared && observed) return "declared-observed";
  return declared ? "declared-not-observed" : "observed-not-declared";
}

/** Violations in the sampled records a node produced, summed over its produce edges; undefined = none. */
function sumProducedViolations(edges: FlowEdge[] | undefined, nodeId: string): number | undefined {
  let violations = 0;
  for (const edge of edges ?? []) if (edge.kind === "produces" && edge.source === nodeId) violations += edge.conformance?.violations ?? 0;
  return violations > 0 ? violations : undefined;
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
    const id = toProducerNodeId(producer);
    const topics = (edgesByNode.get(id) ?? []).map((edge) => describeNodeName(edge.target));
    const violations = sumProducedViolations(edgesByNode.get(id), id);
    nodes.push({
      kind: "unmapped-producer",
      id,
      label: producer,
      producer,
      classification: "observed-not-declared",
      status: null,
      issues: [
        {
          kind: "undocumented",
          reason: `records on ${topics.join(", ")} carry producer "${producer}", which no catalog service declares`,
          link: { kind: "new-service", slug: producer },
        },
      ],
      ...(violations ? { violations } : {}),
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
  const violations = sumProducedViolations(edges, toServiceNodeId(slug));
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
    ...(violations ? { violations } : {}),
  };
}

function buildTopicNode(context: BuildContext, topic: string, edges: FlowEdge[]): FlowTopicNode {
  const live = context.liveTopics.get(topic);
  const contract = context.contractsByTopic.get(topic);
  const producerSample = context.producerSamples.get(topic);
  const conformance = context.conformanceByTopic.get(topic);
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
  const unattributed = context.unattributedViolations.get(topic);
  if (unattributed && unattributed.violations > 0) {
    issues.push({
      kind: "contract-violations",
      reason: `${unattributed.violations} of ${unattributed.checked} sampled records without a producer header break the contract of ${topic}`,
      link: { kind: "topic", name: topic },
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
    partitions: live?.partitionCount ?? 0,
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
    ...(producerSample ? { producerSample } : {}),
    ...(conformance ? { conformance: { checked: conformance.checked, violations: conformance.violations } } : {}),
    ...(conformance && conformance.violations > 0 ? { violations: conformance.violations } : {}),
  };
}
