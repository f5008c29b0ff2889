import { buildFlowHref } from "@/lib/flow/links";
import type { DriftItem, DriftSeverity, FlowEdge, FlowGraph, FlowIssue, FlowNode } from "@/lib/flow/types";

const SEVERITY_ORDER: Record<DriftSeverity, number> = { danger: 0, warning: 1, info: 2 };

function rateIssue(issue: FlowIssue, status: string | null): DriftSeverity {
  switch (issue.kind) {
    case "lag-over-objective":
      return "danger";
    case "unhealthy":
      return status === "STALLED" || status === "STOPPED" ? "danger" : "warning";
    case "undocumented":
    case "unowned-topic":
    case "contract-violations":
      return "warning";
    case "not-observed":
      return "info";
  }
}

function isUnmappedEnd(nodeId: string): boolean {
  return nodeId.startsWith("group:") || nodeId.startsWith("producer:");
}

function describeEdge(edge: FlowEdge, labels: Map<string, string>): string {
  return `${labels.get(edge.source) ?? edge.source} → ${labels.get(edge.target) ?? edge.target}`;
}

/**
 * Everything in the graph that is not "declared and observed, healthy", worst first, each with
 * the page where it can be fixed. An undeclared edge of an unmapped group or producer is left out:
 * that node's own entry already says it is undocumented.
 */
export function listDrift(graph: FlowGraph): DriftItem[] {
  const labels = new Map(graph.nodes.map((node: FlowNode) => [node.id, node.label]));
  const items: DriftItem[] = [];
  for (const node of graph.nodes) {
    for (const issue of node.issues) {
      items.push({
        id: `${node.id}#${issue.kind}`,
        elementType: "node",
        elementId: node.id,
        kind: issue.kind,
        severity: rateIssue(issue, node.status),
        title: node.label,
        reason: issue.reason,
        href: buildFlowHref(issue.link, graph.cluster),
      });
    }
  }
  for (const edge of graph.edges) {
    for (const issue of edge.issues) {
      const serviceEnd = edge.kind === "produces" ? edge.source : edge.target;
      if (issue.kind === "undocumented" && isUnmappedEnd(serviceEnd)) continue;
      items.push({
        id: `${edge.id}#${issue.kind}`,
        elementType: "edge",
        elementId: edge.id,
        kind: issue.kind,
        severity: rateIssue(issue, edge.status),
        title: describeEdge(edge, labels),
        reason: issue.reason,
        href: buildFlowHref(issue.link, graph.cluster),
      });
    }
  }
  return items.sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0),
  );
}
