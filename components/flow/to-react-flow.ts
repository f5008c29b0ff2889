import { MarkerType } from "@xyflow/react";
import type { FlowEdgeData, FlowRfEdge } from "@/components/flow/flow-edge";
import type { FlowRfNode } from "@/components/flow/flow-node";
import { getEdgeColor } from "@/components/flow/edge-style";
import { FLOW_NODE_SIZE, type FlowPosition } from "@/lib/flow/layout";
import type { FlowGraph } from "@/lib/flow/types";

export type FlowSelection = { type: "node" | "edge"; id: string };
export type FlowRect = { x: number; y: number; width: number; height: number };

/** Graphs up to this many edges label every edge; bigger ones only when zoomed in. */
const ALWAYS_LABEL_MAX_EDGES = 60;

export function toReactFlowNodes(
  graph: FlowGraph,
  positions: Map<string, FlowPosition>,
  selection: FlowSelection | null,
): FlowRfNode[] {
  return graph.nodes.map((node) => ({
    id: node.id,
    type: "flow",
    position: positions.get(node.id) ?? { x: 0, y: 0 },
    data: { node },
    // Known sizes let React Flow cull off-screen nodes before it has measured them.
    ...FLOW_NODE_SIZE[node.kind],
    selected: selection?.type === "node" && selection.id === node.id,
    draggable: false,
    connectable: false,
  }));
}

/**
 * `overview`: the zoomed-out picture of a big graph, where thousands of hairline edges are drawn
 * without arrowheads or click targets (cheaper to draw; zoom in to click one).
 */
export function toReactFlowEdges(graph: FlowGraph, selection: FlowSelection | null, options: { overview?: boolean } = {}): FlowRfEdge[] {
  const alwaysLabel = graph.edges.length <= ALWAYS_LABEL_MAX_EDGES;
  const overview = options.overview ?? false;
  return graph.edges.map((edge) => {
    const data: FlowEdgeData = { edge, alwaysLabel, overview };
    return {
      id: edge.id,
      type: "flow",
      source: edge.source,
      target: edge.target,
      data,
      selected: selection?.type === "edge" && selection.id === edge.id,
      markerEnd: overview ? undefined : { type: MarkerType.ArrowClosed, color: getEdgeColor(edge), width: 14, height: 14 },
    };
  });
}

/**
 * Positions for the zoomed-out, aggregated graph: an aggregate sits at the centre of its topics
 * in the detailed layout, everything else stays put, so zooming in and out keeps one picture.
 */
export function placeAggregates(graph: FlowGraph, positions: Map<string, FlowPosition>): Map<string, FlowPosition> {
  const placed = new Map(positions);
  for (const node of graph.nodes) {
    if (node.kind !== "aggregate") continue;
    let x = 0;
    let y = 0;
    let count = 0;
    for (const topicId of node.topicIds) {
      const position = positions.get(topicId);
      if (!position) continue;
      x += position.x;
      y += position.y;
      count++;
    }
    if (count > 0) placed.set(node.id, { x: x / count, y: y / count });
  }
  return placed;
}

/** The box around the graph's nodes, or null for an empty graph. */
export function getGraphBounds(graph: FlowGraph, positions: Map<string, FlowPosition>): FlowRect | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of graph.nodes) {
    const position = positions.get(node.id);
    if (!position) continue;
    const size = FLOW_NODE_SIZE[node.kind];
    minX = Math.min(minX, position.x);
    minY = Math.min(minY, position.y);
    maxX = Math.max(maxX, position.x + size.width);
    maxY = Math.max(maxY, position.y + size.height);
  }
  if (minX === Infinity) return null;
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** The viewport that puts a rectangle's centre in the middle of a width × height pane. */
export function centerViewportOn(rect: FlowRect, width: number, height: number, zoom: number) {
  return {
    x: width / 2 - (rect.x + rect.width / 2) * zoom,
    y: height / 2 - (rect.y + rect.height / 2) * zoom,
    zoom,
  };
}
