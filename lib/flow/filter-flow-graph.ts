import type { GroupStatus } from "@/lib/collector/types";
import type { FlowEdge, FlowGraph, FlowNode, FlowTier } from "@/lib/flow/types";

/** "problems" = anything in the drift list; a status = consumption in that lag status. */
export type FlowStatusFilter = "problems" | Exclude<GroupStatus, "INCOMPLETE">;

export type FlowFilters = {
  team: string | null;
  tag: string | null;
  tier: FlowTier | null;
  status: FlowStatusFilter | null;
};

export const EMPTY_FLOW_FILTERS: FlowFilters = { team: null, tag: null, tier: null, status: null };

export function hasActiveFilters(filters: FlowFilters): boolean {
  return filters.team !== null || filters.tag !== null || filters.tier !== null || filters.status !== null;
}

function matchesServiceFilters(node: FlowNode, filters: FlowFilters): boolean {
  if (node.kind !== "service") return false;
  if (filters.team !== null && node.teamSlug !== filters.team) return false;
  if (filters.tag !== null && !node.tags.includes(filters.tag)) return false;
  if (filters.tier !== null && node.tier !== filters.tier) return false;
  return true;
}

function matchesStatus(item: FlowNode | FlowEdge, status: FlowStatusFilter | null): boolean {
  if (status === null) return true;
  if (status === "problems") return item.issues.length > 0 || item.classification !== "declared-observed";
  return item.status === status;
}

/**
 * Team, tag and tier select services; the graph keeps their edges (that pass the status filter)
 * and the topics at the other end, plus the topics a selected team owns. With only a status
 * filter, the matching edges with both ends and the matching nodes remain. No filter: same graph
 * object, so memoised layouts are reused.
 */
export function filterFlowGraph(graph: FlowGraph, filters: FlowFilters): FlowGraph {
  if (!hasActiveFilters(filters)) return graph;
  const byServiceFilters = filters.team !== null || filters.tag !== null || filters.tier !== null;
  const selected = new Set<string>();
  for (const node of graph.nodes) {
    if (byServiceFilters ? !matchesServiceFilters(node, filters) : !matchesStatus(node, filters.status)) continue;
    selected.add(node.id);
  }
  const keptNodes = new Set<string>();
  const edges = graph.edges.filter((edge) => {
    const serviceEnd = edge.kind === "produces" ? edge.source : edge.target;
    if (byServiceFilters && !selected.has(serviceEnd)) return false;
    if (!matchesStatus(edge, filters.status)) return false;
    keptNodes.add(edge.source);
    keptNodes.add(edge.target);
    return true;
  });
  for (const node of graph.nodes) {
    if (!byServiceFilters) {
      if (selected.has(node.id)) keptNodes.add(node.id);
      continue;
    }
    if (!matchesStatus(node, filters.status)) continue;
    if (selected.has(node.id)) keptNodes.add(node.id);
    if (filters.team !== null && node.kind === "topic" && node.contract?.ownerTeamSlug === filters.team) {
      keptNodes.add(node.id);
    }
  }
  return { ...graph, nodes: graph.nodes.filter((node) => keptNodes.has(node.id)), edges };
}

export type FlowFilterOptions = {
  teams: { slug: string; name: string }[];
  tags: string[];
  tiers: FlowTier[];
};

/** The teams, tags and tiers present among the graph's services, sorted, for the filter menus. */
export function listFilterOptions(graph: FlowGraph): FlowFilterOptions {
  const teams = new Map<string, string>();
  const tags = new Set<string>();
  const tiers = new Set<FlowTier>();
  for (const node of graph.nodes) {
    if (node.kind !== "service") continue;
    teams.set(node.teamSlug, node.teamName);
    for (const tag of node.tags) tags.add(tag);
    tiers.add(node.tier);
  }
  const tierOrder: FlowTier[] = ["critical", "high", "medium", "low"];
  return {
    teams: [...teams].map(([slug, name]) => ({ slug, name })).sort((a, b) => a.name.localeCompare(b.name)),
    tags: [...tags].sort(),
    tiers: tierOrder.filter((tier) => tiers.has(tier)),
  };
}
