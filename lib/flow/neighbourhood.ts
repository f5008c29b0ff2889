import type { FlowEdge, FlowGraph } from "@/lib/flow/types";

/**
 * The part of the graph within `hops` edges of a node, walking upstream along incoming edges and
 * downstream along outgoing ones separately, so a consumer's sibling consumers are not pulled in.
 * Only the edges walked are kept. An unknown node id gives an empty graph.
 */
export function selectNeighbourhood(graph: FlowGraph, nodeId: string, hops: number): FlowGraph {
  if (!graph.nodes.some((node) => node.id === nodeId)) return { ...graph, nodes: [], edges: [] };
  const outgoing = new Map<string, FlowEdge[]>();
  const incoming = new Map<string, FlowEdge[]>();
  for (const edge of graph.edges) {
    (outgoing.get(edge.source) ?? outgoing.set(edge.source, []).get(edge.source)!).push(edge);
    (incoming.get(edge.target) ?? incoming.set(edge.target, []).get(edge.target)!).push(edge);
  }
  const keptNodes = new Set([nodeId]);
  const keptEdges = new Set<string>();
  const walk = (index: Map<string, FlowEdge[]>, next: (edge: FlowEdge) => string) => {
    let frontier = [nodeId];
    const seen = new Set([nodeId]);
    for (let hop = 0; hop < hops && frontier.length > 0; hop++) {
      const nextFrontier: string[] = [];
      for (const current of frontier) {
        for (const edge of index.get(current) ?? []) {
          keptEdges.add(edge.id);
          const other = next(edge);
          keptNodes.add(other);
          if (!seen.has(other)) {
            seen.add(other);
            nextFrontier.push(other);
          }
        }
      }
      frontier = nextFrontier;
    }
  };
  walk(outgoing, (edge) => edge.target);
  walk(incoming, (edge) => edge.source);
  return {
    ...graph,
    nodes: graph.nodes.filter((node) => keptNodes.has(node.id)),
    edges: graph.edges.filter((edge) => keptEdges.has(edge.id)),
  };
}
