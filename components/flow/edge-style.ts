import type { FlowEdge, FlowNode } from "@/lib/flow/types";

const MIN_WIDTH = 1.5;
const MAX_WIDTH = 10;

/**
 * Stroke width by rate on a log scale: 0 msg/s → 1.5 px, 10 → ~3.8, 100 → ~5.9, 1k → ~8.1,
 * capped at 10 px, so a 10k msg/s edge does not drown a 5 msg/s one.
 */
export function getEdgeWidth(rate: number | null): number {
  if (rate === null || !(rate > 0)) return MIN_WIDTH;
  return Math.min(MAX_WIDTH, MIN_WIDTH + 2.2 * Math.log10(1 + rate));
}

/** Colour by status: lag problems and contract violations first, then undocumented, then declared-only, else healthy. */
export function getEdgeColor(edge: Pick<FlowEdge, "status" | "classification" | "lagOverObjective" | "kind" | "conformance">): string {
  if (edge.lagOverObjective) return "var(--danger)";
  if (edge.conformance && edge.conformance.violations > 0) return "var(--danger)";
  switch (edge.status) {
    case "STALLED":
    case "STOPPED":
    case "REWOUND":
      return "var(--danger)";
    case "WARNING":
      return "var(--warning)";
    default:
      break;
  }
  if (edge.classification === "observed-not-declared") return "var(--warning)";
  if (edge.classification === "declared-not-observed") return "var(--muted)";
  return edge.kind === "consumes" ? "var(--ok)" : "var(--accent)";
}

/** Dashed: declared but not observed. Dotted: observed but undocumented. Solid otherwise. */
export function getEdgeDash(edge: Pick<FlowEdge, "classification">): string | undefined {
  if (edge.classification === "declared-not-observed") return "8 6";
  if (edge.classification === "observed-not-declared") return "2 5";
  return undefined;
}

export function describeClassification(classification: FlowEdge["classification"]): string {
  switch (classification) {
    case "declared-observed":
      return "declared and observed";
    case "declared-not-observed":
      return "declared, not observed";
    case "observed-not-declared":
      return "undocumented";
  }
}

/** The short text a node or edge badge shows for its health, or null when all is well. */
export function describeHealth(item: Pick<FlowNode | FlowEdge, "status" | "classification" | "issues">): string | null {
  if (item.status && item.status !== "OK" && item.status !== "INCOMPLETE") return item.status;
  if (item.issues.some((issue) => issue.kind === "lag-over-objective")) return "over objective";
  if (item.classification === "observed-not-declared") return "undocumented";
  if (item.issues.some((issue) => issue.kind === "unowned-topic")) return "no owner";
  if (item.classification === "declared-not-observed") return "not observed";
  return null;
}
