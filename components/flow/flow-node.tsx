"use client";

import { Handle, Position, useStore, type Node, type NodeProps, type ReactFlowState } from "@xyflow/react";
import { memo } from "react";
import { describeHealth } from "@/components/flow/edge-style";
import styles from "@/components/flow/flow.module.css";
import { FLOW_NODE_SIZE } from "@/lib/flow/layout";
import type { FlowNode } from "@/lib/flow/types";
import { formatRate } from "@/lib/format";

export type FlowNodeData = { node: FlowNode };
export type FlowRfNode = Node<FlowNodeData, "flow">;

/** Below this zoom a node shows only its name, big: the details are unreadable anyway. */
export const COMPACT_BELOW_ZOOM = 0.3;
const selectCompact = (state: ReactFlowState) => state.transform[2] < COMPACT_BELOW_ZOOM;

function HealthChip({ node }: { node: FlowNode }) {
  const health = describeHealth(node);
  if (!health) return null;
  const danger = health === "STALLED" || health === "STOPPED" || health === "REWOUND" || health === "over objective";
  const muted = health === "not observed";
  const tone = danger ? styles.chipDanger : muted ? styles.chipMuted : styles.chipWarning;
  return (
    <span className={`${styles.chip} ${tone}`} data-testid="flow-node-health">
      {health}
    </span>
  );
}

/** Sampled records from (or on) this node that broke a contract. */
function ViolationsChip({ node }: { node: FlowNode }) {
  if (!node.violations) return null;
  return (
    <span className={`${styles.chip} ${styles.chipDanger}`} data-testid="flow-node-violations" title="sampled records breaking the contract">
      ⚠ {node.violations} invalid
    </span>
  );
}

function NodeDetails({ node }: { node: FlowNode }) {
  switch (node.kind) {
    case "service":
      return (
        <>
          <div className={styles.nodeTitle}>{node.label}</div>
          <div className={styles.nodeMeta}>
            <span title="owner team">{node.teamName}</span>
            <span className={`${styles.chip} ${styles.chipMuted}`} title="tier">
              {node.tier}
            </span>
            <HealthChip node={node} />
            <ViolationsChip node={node} />
          </div>
        </>
      );
    case "unmapped-group":
    case "unmapped-producer":
      return (
        <>
          <div className={styles.nodeTitleMono}>{node.label}</div>
          <div className={styles.nodeMeta}>
            <span>{node.kind === "unmapped-group" ? `consumer group · ${node.state}` : "unknown producer"}</span>
            <HealthChip node={node} />
            <ViolationsChip node={node} />
          </div>
        </>
      );
    case "topic":
      return (
        <>
          <div className={styles.nodeTitleMono}>{node.label}</div>
          <div className={styles.nodeMeta}>
            <span>{node.live ? formatRate(node.messagesPerSec) : "not on cluster"}</span>
            {node.contract?.ownerTeamName && <span title="owner team">· {node.contract.ownerTeamName}</span>}
            <HealthChip node={node} />
            <ViolationsChip node={node} />
            {node.producerSample && node.producerSample.unattributedRecords > 0 && (
              <span className={`${styles.chip} ${styles.chipMuted}`} data-testid="flow-node-unattributed" title="sampled records without the producer header">
                {Math.round((node.producerSample.unattributedRecords / node.producerSample.sampledRecords) * 100)}% unattributed
              </span>
            )}
          </div>
        </>
      );
    case "aggregate":
      return (
        <>
          <div className={styles.nodeTitleMono}>{node.label}</div>
          <div className={styles.nodeMeta}>
            <span>{formatRate(node.messagesPerSec)}</span>
            {node.driftCount > 0 && <span className={`${styles.chip} ${styles.chipWarning}`}>{node.driftCount} drift</span>}
          </div>
        </>
      );
  }
}

/** One node of the flow graph: services, unmapped groups/producers, topics and topic aggregates. */
export const FlowNodeView = memo(function FlowNodeView({ data, selected }: NodeProps<FlowRfNode>) {
  const compact = useStore(selectCompact);
  const { node } = data;
  const size = FLOW_NODE_SIZE[node.kind];
  return (
    <div
      className={`${styles.node} ${compact ? styles.compact : ""} ${selected ? styles.selected : ""}`}
      style={size}
      data-testid={`flow-node-${node.id}`}
      data-kind={node.kind}
      data-classification={node.classification}
      data-status={node.status ?? ""}
      data-violations={node.violations ?? 0}
      title={node.label}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} className={styles.handle} />
      {compact ? <div className={styles.nodeTitle}>{node.label}</div> : <NodeDetails node={node} />}
      <Handle type="source" position={Position.Right} isConnectable={false} className={styles.handle} />
    </div>
  );
});
