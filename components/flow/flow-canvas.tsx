"use client";

import "@xyflow/react/dist/style.css";
import {
  Background,
  Controls,
  ReactFlow,
  ReactFlowProvider,
  getViewportForBounds,
  type Viewport,
} from "@xyflow/react";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from "react";
import { FlowEdgeView } from "@/components/flow/flow-edge";
import { FlowNodeView } from "@/components/flow/flow-node";
import styles from "@/components/flow/flow.module.css";
import {
  centerViewportOn,
  getGraphBounds,
  placeAggregates,
  toReactFlowEdges,
  toReactFlowNodes,
  type FlowSelection,
} from "@/components/flow/to-react-flow";
import type { RenderedFlow } from "@/components/flow/use-flow-layout";
import { aggregateTopicsByPrefix } from "@/lib/flow/aggregate";
import { FLOW_NODE_SIZE } from "@/lib/flow/layout";

const nodeTypes = { flow: FlowNodeView };
const edgeTypes = { flow: FlowEdgeView };
const MIN_ZOOM = 0.03;
const MAX_ZOOM = 2;
/** Aggregate topics by prefix below this zoom (and un-aggregate above the second, so it does
 * not flicker at the border) when the graph has more topics than AGGREGATE_MIN_TOPICS. */
const AGGREGATE_BELOW_ZOOM = 0.3;
const DISAGGREGATE_ABOVE_ZOOM = 0.38;
const AGGREGATE_MIN_TOPICS = 150;

export type FlowFocusRequest = { nodeId: string; nonce: number };

export type FlowCanvasProps = {
  rendered: RenderedFlow;
  /** True while a new shape is being laid out: the old picture stays, no fitting yet. */
  pending: boolean;
  selection: FlowSelection | null;
  onSelect: (selection: FlowSelection | null) => void;
  /** Changes when the user changes what to look at (filters, focus): fit the view again. */
  fitKey: string;
  focusRequest?: FlowFocusRequest | null;
  small?: boolean;
};

/** The interactive graph. Keeps its viewport across data refreshes (it is never remounted). */
export function FlowCanvas(props: FlowCanvasProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  // Measured here, before React Flow mounts, so its first render already has the fitted
  // viewport: no wasted render of the whole graph at zoom 1.
  useLayoutEffect(() => {
    const element = containerRef.current;
    if (!element) return;
    const measure = () => setSize({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={containerRef} className={`${styles.canvas} ${props.small ? styles.canvasSmall : ""}`} data-testid="flow-canvas">
      {size && size.width > 0 && size.height > 0 && (
        <ReactFlowProvider>
          <FlowCanvasInner {...props} width={size.width} height={size.height} containerRef={containerRef} />
        </ReactFlowProvider>
      )}
    </div>
  );
}

function FlowCanvasInner(props: FlowCanvasProps & { width: number; height: number; containerRef: RefObject<HTMLDivElement | null> }) {
  const { rendered, pending, selection, onSelect, fitKey, focusRequest, small, width, height, containerRef } = props;
  const [viewport, setViewport] = useState<Viewport | null>(null);
  const [aggregated, setAggregated] = useState(false);
  const fittedKey = useRef<string | null>(null);
  const appliedFocus = useRef<number | null>(null);

  const topicCount = useMemo(() => rendered.graph.nodes.filter((node) => node.kind === "topic").length, [rendered.graph]);
  const canAggregate = topicCount > AGGREGATE_MIN_TOPICS;
  const display = useMemo(() => {
    if (!canAggregate || !aggregated) return { graph: rendered.graph, positions: rendered.layout.positions };
    const graph = aggregateTopicsByPrefix(rendered.graph);
    return { graph, positions: placeAggregates(graph, rendered.layout.positions) };
  }, [rendered, aggregated, canAggregate]);

  const nodes = useMemo(() => toReactFlowNodes(display.graph, display.positions, selection), [display, selection]);
  const overview = canAggregate && aggregated;
  const edges = useMemo(() => toReactFlowEdges(display.graph, selection, { overview }), [display, selection, overview]);

  const applyViewport = useCallback((next: Viewport) => {
    setViewport(next);
    setAggregated((current) =>
      current ? next.zoom < DISAGGREGATE_ABOVE_ZOOM : next.zoom < AGGREGATE_BELOW_ZOOM,
    );
  }, []);

  // Fit once per "what to look at", after its layout is ready; refreshes never refit. A layout
  // effect, so the fitted view is what gets painted first.
  useLayoutEffect(() => {
    if (pending || fittedKey.current === fitKey) return;
    const bounds = getGraphBounds(rendered.graph, rendered.layout.positions);
    fittedKey.current = fitKey;
    if (!bounds) return applyViewport({ x: 0, y: 0, zoom: 1 });
    applyViewport(getViewportForBounds(bounds, width, height, MIN_ZOOM, small ? 1 : 1.2, 0.08));
  }, [pending, width, height, fitKey, rendered, small, applyViewport]);

  // Search: centre the node at a readable zoom (which also turns aggregation off).
  useEffect(() => {
    if (!focusRequest || appliedFocus.current === focusRequest.nonce) return;
    const node = rendered.graph.nodes.find((candidate) => candidate.id === focusRequest.nodeId);
    const position = rendered.layout.positions.get(focusRequest.nodeId);
    if (!node || !position) return;
    appliedFocus.current = focusRequest.nonce;
    applyViewport(centerViewportOn({ ...position, ...FLOW_NODE_SIZE[node.kind] }, width, height, 1));
  }, [focusRequest, rendered, width, height, applyViewport]);

  if (!viewport) return null;
  return (
    <>
      {pending && (
        <div className={styles.canvasOverlay} data-testid="flow-layout-pending">
          Laying out…
        </div>
      )}
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        viewport={viewport}
        onViewportChange={applyViewport}
        // The zoomed-out overview draws thousands of edge paths, repainted on every frame of a drag:
        // hide them while the user drags or zooms, as Cytoscape's hideEdgesOnViewport does. Set on the
        // DOM directly, so starting and ending a move costs no React render.
        onMoveStart={(event) => {
          if (overview && event) containerRef.current?.classList.add(styles.moving!);
        }}
        onMoveEnd={() => containerRef.current?.classList.remove(styles.moving!)}
        minZoom={MIN_ZOOM}
        maxZoom={MAX_ZOOM}
        onlyRenderVisibleElements
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable
        onNodeClick={(_, node) => {
          // An aggregate stands for many topics: zoom into it rather than select it.
          const position = display.positions.get(node.id);
          if (node.data.node.kind === "aggregate" && position) {
            applyViewport(centerViewportOn({ ...position, ...FLOW_NODE_SIZE.aggregate }, width, height, 0.6));
          } else onSelect({ type: "node", id: node.id });
        }}
        onEdgeClick={(_, edge) => {
          // Merged edges of an aggregate have no single flow to describe.
          if (!edge.data?.edge.aggregatedCount) onSelect({ type: "edge", id: edge.id });
        }}
        onPaneClick={() => onSelect(null)}
      >
        {/* The dot pattern repaints on every pan frame: only worth it for small graphs. */}
        {rendered.graph.nodes.length <= 200 && <Background gap={24} size={1} />}
        {!small && <Controls showInteractive={false} />}
      </ReactFlow>
    </>
  );
}
