import { getTopicPrefix, toAggregateNodeId, toEdgeId } from "@/lib/flow/ids";
import { pickWorstStatus } from "@/lib/flow/status";
import type {
  FlowAggregateNode,
  FlowClassification,
  FlowEdge,
  FlowGraph,
  FlowNode,
  FlowTopicNode,
} from "@/lib/flow/types";

// Which classification an aggregate shows when its members differ: the one needing attention.
const CLASSIFICATION_WEIGHT: Record<FlowClassification, number> = {
  "declared-observed": 0,
  "declared-not-observed": 1,
  "observed-not-declared": 2,
};

function pickWorseClassification(a: FlowClassification, b: FlowClassification): FlowClassification {
  return CLASSIFICATION_WEIGHT[b] > CLASSIFICATION_WEIGHT[a] ? b : a;
}

function addNullable(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return a + b;
}

/**
 * For the zoomed-out view of a big graph: topics sharing a prefix (text before the first '.')
 * become one aggregate node, and parallel edges into it merge (rates and lag summed, worst status
 * and classification kept). Prefixes with fewer than `minGroupSize` topics stay as they are.
 */
export function aggregateTopicsByPrefix(graph: FlowGraph, options: { minGroupSize?: number } = {}): FlowGraph {
  const minGroupSize = options.minGroupSize ?? 2;
  const topicsByPrefix = new Map<string, FlowTopicNode[]>();
  for (const node of graph.nodes) {
    if (node.kind !== "topic") continue;
    const prefix = getTopicPrefix(node.name);
    const members = topicsByPrefix.get(prefix);
    if (members) members.push(node);
    else topicsByPrefix.set(prefix, [node]);
  }

  const replacement = new Map<string, string>();
  const aggregates = new Map<string, FlowAggregateNode>();
  for (const [prefix, members] of topicsByPrefix) {
    if (members.length < minGroupSize) continue;
    const id = toAggregateNodeId(prefix);
    const aggregate: FlowAggregateNode = {
      kind: "aggregate",
      id,
      label: `${prefix}.* (${members.length})`,
      prefix,
      topicIds: members.map((member) => member.id),
      messagesPerSec: null,
      driftCount: 0,
      classification: "declared-observed",
      status: null,
      issues: [],
    };
    for (const member of members) {
      replacement.set(member.id, id);
      aggregate.messagesPerSec = addNullable(aggregate.messagesPerSec, member.messagesPerSec);
      aggregate.driftCount += member.issues.length;
      aggregate.classification = pickWorseClassification(aggregate.classification, member.classification);
      aggregate.status = pickWorstStatus(aggregate.status, member.status);
    }
    aggregates.set(id, aggregate);
  }

  const nodes: FlowNode[] = [];
  const emitted = new Set<string>();
  for (const node of graph.nodes) {
    const aggregateId = replacement.get(node.id);
    if (!aggregateId) nodes.push(node);
    else if (!emitted.has(aggregateId)) {
      emitted.add(aggregateId);
      nodes.push(aggregates.get(aggregateId)!);
    }
  }

  const edges = new Map<string, FlowEdge>();
  for (const edge of graph.edges) {
    const source = replacement.get(edge.source) ?? edge.source;
    const target = replacement.get(edge.target) ?? edge.target;
    if (source === edge.source && target === edge.target) {
      edges.set(edge.id, edge);
      continue;
    }
    const id = toEdgeId(source, target);
    const merged = edges.get(id);
    if (!merged) {
      // One topic's sample share means nothing for several topics: an aggregate keeps violations only.
      const { sample: _sample, ...rest } = edge;
      edges.set(id, { ...rest, id, source, target, groups: [...edge.groups], aggregatedCount: 1 });
      continue;
    }
    if (edge.conformance) {
      const current = merged.conformance ?? { checked: 0, violations: 0 };
      merged.conformance = { checked: current.checked + edge.conformance.checked, violations: current.violations + edge.conformance.violations };
    }
    merged.rate = addNullable(merged.rate, edge.rate);
    merged.lag = addNullable(merged.lag, edge.lag);
    merged.timeLagSeconds =
      merged.timeLagSeconds === null || edge.timeLagSeconds === null
        ? (merged.timeLagSeconds ?? edge.timeLagSeconds)
        : Math.max(merged.timeLagSeconds, edge.timeLagSeconds);
    merged.status = pickWorstStatus(merged.status, edge.status);
    merged.classification = pickWorseClassification(merged.classification, edge.classification);
    merged.lagOverObjective ||= edge.lagOverObjective;
    merged.issues = [...merged.issues, ...edge.issues];
    for (const groupId of edge.groups) if (!merged.groups.includes(groupId)) merged.groups.push(groupId);
    merged.aggregatedCount = (merged.aggregatedCount ?? 1) + 1;
  }
  return { ...graph, nodes, edges: [...edges.values()] };
}
