"use client";

import {
  BaseEdge,
  EdgeLabelRenderer,
  getBezierPath,
  useStore,
  type Edge,
  type EdgeProps,
  type ReactFlowState,
} from "@xyflow/react";
import { memo } from "react";
import { describeHealth, getEdgeColor, getEdgeDash, getEdgeWidth } from "@/components/flow/edge-style";
import styles from "@/components/flow/flow.module.css";
import type { FlowEdge } from "@/lib/flow/types";
import { formatRate } from "@/lib/format";

export type FlowEdgeData = { edge: FlowEdge; alwaysLabel: boolean; overview: boolean };
export type FlowRfEdge = Edge<FlowEdgeData, "flow">;

/** Labels (rate, status) from this zoom on; small graphs label every edge at any zoom. */
const LABEL_FROM_ZOOM = 0.8;
const selectLabelZoom = (state: ReactFlowState) => state.transform[2] >= LABEL_FROM_ZOOM;

/** An edge: width by rate, colour by status, dashed when declared only, dotted when undocumented. */
export const FlowEdgeView = memo(function FlowEdgeView(props: EdgeProps<FlowRfEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  const zoomedIn = useStore(selectLabelZoom);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  if (!data) return null;
  const { edge } = data;
  const health = describeHealth(edge);
  const showLabel = selected || zoomedIn || data.alwaysLabel;
  return (
    <g
      data-testid={`flow-edge-${id}`}
      data-kind={edge.kind}
      data-rate={edge.rate ?? ""}
      data-status={edge.status ?? ""}
      data-classification={edge.classification}
      data-violations={edge.conformance?.violations ?? 0}
    >
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        interactionWidth={data.overview ? 0 : 18}
        style={{
          stroke: getEdgeColor(edge),
          strokeWidth: getEdgeWidth(edge.rate) + (selected ? 1.5 : 0),
          strokeDasharray: getEdgeDash(edge),
          strokeLinecap: "round",
        }}
      />
      {showLabel && (
        <EdgeLabelRenderer>
          <div
            className={`${styles.edgeLabel} nodrag nopan`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`flow-edge-label-${id}`}
          >
            {formatRate(edge.rate)}
            {edge.kind === "produces" && edge.rateSource !== "none" ? " (est.)" : ""}
            {health ? ` · ${health}` : ""}
            {edge.conformance && edge.conformance.violations > 0 ? ` · ⚠ ${edge.conformance.violations} invalid` : ""}
          </div>
        </EdgeLabelRenderer>
      )}
    </g>
  );
});
