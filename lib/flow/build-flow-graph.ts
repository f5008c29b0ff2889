import {
  createBuildContext,
  type BuildContext,
  type BuildFlowGraphInput,
  type EdgeDraft,
} from "@/lib/flow/build-context";
import { addConsumeEdges, addProduceEdges, listEdgeDrafts } from "@/lib/flow/build-flow-edges";
import { buildNodes } from "@/lib/flow/build-flow-nodes";
import { formatDuration } from "@/lib/format";
import { isUnhealthyStatus } from "@/lib/flow/status";
import type { FlowClassification, FlowEdge, FlowGraph, FlowLinkTarget } from "@/lib/flow/types";

export type { BuildFlowGraphInput } from "@/lib/flow/build-context";

/**
 * Joins the catalog (declared) with the latest snapshot and producer samples (observed) into one
 * graph: services, unmapped groups and topics as nodes; produce and consume edges with live rate
 * (msg/s), lag (messages), time lag (seconds) and status; every node and edge classified.
 * Pure: same inputs, same graph (nodes and edges sorted), so layouts stay stable.
 */
export function buildFlowGraph(input: BuildFlowGraphInput): FlowGraph {
  const context = createBuildContext(input);
  addConsumeEdges(context);
  addProduceEdges(context);
  const edges = listEdgeDrafts(context).map((draft) => finishEdge(context, draft));
  const nodes = buildNodes(context, edges);
  return {
    cluster: context.cluster,
    sampledAt: input.snapshot?.sampledAt ?? null,
    nodes,
    edges,
  };
}

export function classifyDeclaration(declared: boolean, observed: boolean): FlowClassification {
  if (declared && observed) return "declared-observed";
  return declared ? "declared-not-observed" : "observed-not-declared";
}

function describeEnd(nodeId: string): string {
  return nodeId.slice(nodeId.indexOf(":") + 1);
}

function nameEnd(context: BuildContext, nodeId: string): string {
  const name = describeEnd(nodeId);
  if (!nodeId.startsWith("service:")) return name;
  return context.servicesBySlug.get(name)?.name ?? name;
}

function linkToEnd(nodeId: string): FlowLinkTarget {
  const name = describeEnd(nodeId);
  if (nodeId.startsWith("service:")) return { kind: "service", slug: name };
  if (nodeId.startsWith("group:")) return { kind: "group", groupId: name };
  return { kind: "new-service", slug: name };
}

function finishEdge(context: BuildContext, draft: EdgeDraft): FlowEdge {
  const { edge, declared, observed, notObservedReason, statusReason } = draft;
  const issues = edge.issues;
  const serviceEnd = edge.kind === "produces" ? edge.source : edge.target;
  const topic = describeEnd(edge.kind === "produces" ? edge.target : edge.source);
  const verb = edge.kind === "produces" ? "produces to" : "consumes";

  if (declared && !observed && context.observing) {
    issues.push({
      kind: "not-observed",
      reason: notObservedReason ?? `declared but not seen on the cluster`,
      link: linkToEnd(serviceEnd),
    });
  }
  if (!declared && observed) {
    issues.push({
      kind: "undocumented",
      reason: `${nameEnd(context, serviceEnd)} ${verb} ${topic} but the catalog declares no such flow`,
      link: linkToEnd(serviceEnd),
    });
  }

  if (edge.kind === "consumes") {
    const objective = context.contractsByTopic.get(topic)?.lagObjectiveSec ?? null;
    edge.lagObjectiveSec = objective;
    const firstGroup = edge.groups[0];
    if (objective !== null && edge.timeLagSeconds !== null && edge.timeLagSeconds > objective) {
      edge.lagOverObjective = true;
      issues.push({
        kind: "lag-over-objective",
        reason: `${formatDuration(edge.timeLagSeconds)} behind on ${topic}, objective ${formatDuration(objective)}`,
        link: firstGroup ? { kind: "group", groupId: firstGroup } : linkToEnd(serviceEnd),
      });
    }
    if (isUnhealthyStatus(edge.status)) {
      issues.push({
        kind: "unhealthy",
        reason: `${edge.status} on ${topic}${statusReason ? `: ${statusReason}` : ""}`,
        link: firstGroup ? { kind: "group", groupId: firstGroup } : linkToEnd(serviceEnd),
      });
    }
  }
  if (edge.kind === "produces" && edge.conformance && edge.conformance.violations > 0) {
    const { checked, violations } = edge.conformance;
    issues.push({
      kind: "contract-violations",
      reason: `${violations} of ${checked} sampled records from ${nameEnd(context, serviceEnd)} break the contract of ${topic}`,
      link: { kind: "topic", name: topic },
    });
  }
  edge.classification = classifyDeclaration(declared, observed);
  return edge;
}
