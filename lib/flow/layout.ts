import type { ELK as ElkInstance, ElkNode } from "elkjs/lib/elk-api";
import { layoutLayered } from "@/lib/flow/layered-layout";
import type { FlowGraph, FlowNode } from "@/lib/flow/types";

export type FlowPosition = { x: number; y: number };
export type FlowLayout = {
  signature: string;
  positions: Map<string, FlowPosition>;
  width: number;
  height: number;
  engine: "elk" | "layered";
};

/** Fixed node boxes: the node components render at exactly these sizes so edges meet them. */
export const FLOW_NODE_SIZE: Record<FlowNode["kind"], { width: number; height: number }> = {
  service: { width: 220, height: 68 },
  "unmapped-group": { width: 220, height: 68 },
  "unmapped-producer": { width: 220, height: 56 },
  topic: { width: 240, height: 56 },
  aggregate: { width: 240, height: 64 },
};

// ELK runs on the main thread and grows faster than linearly (160 nodes: ~0.2 s on this class of
// machine; 1,300 nodes: far beyond the 2 s budget), so bigger graphs use the linear layered layout.
export const ELK_MAX_NODES = 200;
export const ELK_MAX_EDGES = 400;
const SPACING = { betweenLayers: 90, betweenNodes: 20 };

// Left to right, layers of producers → topics → consumers emerge from edge direction. Model
// order keeps ties in input order (the builder sorts), so equal inputs give equal layouts.
const BASE_OPTIONS: Record<string, string> = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.spacing.nodeNode": String(SPACING.betweenNodes),
  "elk.layered.spacing.nodeNodeBetweenLayers": String(SPACING.betweenLayers),
  "elk.spacing.componentComponent": "40",
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
  "elk.layered.thoroughness": "3",
  // React Flow draws its own edges: ELK's routes are not used, so route the cheap way.
  "elk.edgeRouting": "POLYLINE",
};


/**
 * Identifies a graph's shape: node ids and edge ids only, never rates or statuses, so a refresh
 * that changes numbers keeps the same layout.
 */
export function computeLayoutSignature(graph: Pick<FlowGraph, "nodes" | "edges">): string {
  const nodeIds = graph.nodes.map((node) => node.id).sort();
  const edgeIds = graph.edges.map((edge) => edge.id).sort();
  return `${nodeIds.join("\n")}\n|\n${edgeIds.join("\n")}`;
}

// Loaded on first use: ELK is ~1.4 MB of JavaScript that big graphs (laid out without it) and
// pages that never draw a graph should not pay for.
let elkPromise: Promise<ElkInstance> | null = null;

function loadElk(): Promise<ElkInstance> {
  elkPromise ??= import("elkjs/lib/elk.bundled.js").then(({ default: ELK }) => new ELK());
  return elkPromise;
}

/**
 * Lays the graph out left to right; positions are the nodes' top-left corners. ELK for graphs up
 * to ELK_MAX_NODES / ELK_MAX_EDGES, the linear layered layout beyond (or if ELK fails).
 */
export async function layoutFlowGraph(graph: Pick<FlowGraph, "nodes" | "edges">): Promise<FlowLayout> {
  const signature = computeLayoutSignature(graph);
  const nodeIds = new Set(graph.nodes.map((node) => node.id));
  // ELK throws asynchronously (outside the promise) on an edge to an unknown node: never send one.
  const edges = graph.edges.filter((edge) => nodeIds.has(edge.source) && nodeIds.has(edge.target));
  if (graph.nodes.length <= ELK_MAX_NODES && edges.length <= ELK_MAX_EDGES) {
    try {
      return { signature, engine: "elk", ...(await layoutWithElk(graph.nodes, edges)) };
    } catch {
      // Fall through to the layered layout: a picture beats an error here.
    }
  }
  const layered = layoutLayered(
    graph.nodes.map((node) => ({ id: node.id, ...FLOW_NODE_SIZE[node.kind], isolatedLayer: node.kind === "topic" || node.kind === "aggregate" ? 1 : 0 })),
    edges,
    SPACING,
  );
  return { signature, engine: "layered", ...layered };
}

async function layoutWithElk(nodes: FlowGraph["nodes"], edges: FlowGraph["edges"]) {
  const elk = await loadElk();
  const root: ElkNode = {
    id: "root",
    layoutOptions: BASE_OPTIONS,
    children: nodes.map((node) => ({ id: node.id, ...FLOW_NODE_SIZE[node.kind] })),
    edges: edges.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  };
  const result = await elk.layout(root);
  const positions = new Map<string, FlowPosition>();
  for (const child of result.children ?? []) positions.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 });
  return { positions, width: result.width ?? 0, height: result.height ?? 0 };
}

/**
 * Keeps layouts across refreshes: a graph whose signature was laid out before gets the same
 * layout object back without running ELK; concurrent requests for one signature share one run.
 * Recent layouts are kept (filters and focus switch between a few shapes), and every position is
 * also kept by node id so a caller can draw known nodes in place while a new layout runs.
 */
export function createFlowLayoutCache(options: { maxLayouts?: number } = {}) {
  const maxLayouts = options.maxLayouts ?? 6;
  const layouts = new Map<string, Promise<FlowLayout>>();
  const positionsById = new Map<string, FlowPosition>();
  let runs = 0;

  return {
    getLayout(graph: Pick<FlowGraph, "nodes" | "edges">): Promise<FlowLayout> {
      const signature = computeLayoutSignature(graph);
      const cached = layouts.get(signature);
      if (cached) {
        layouts.delete(signature);
        layouts.set(signature, cached);
        return cached;
      }
      runs++;
      const pending = layoutFlowGraph(graph).then((layout) => {
        for (const [id, position] of layout.positions) positionsById.set(id, position);
        return layout;
      });
      pending.catch(() => layouts.delete(signature));
      layouts.set(signature, pending);
      while (layouts.size > maxLayouts) layouts.delete(layouts.keys().next().value!);
      return pending;
    },
    getKnownPosition(nodeId: string): FlowPosition | undefined {
      return positionsById.get(nodeId);
    },
    /** How many times ELK ran: for tests. */
    countRuns(): number {
      return runs;
    },
  };
}

export type FlowLayoutCache = ReturnType<typeof createFlowLayoutCache>;
