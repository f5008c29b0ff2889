"use client";

import Link from "next/link";
import { describeClassification } from "@/components/flow/edge-style";
import styles from "@/components/flow/flow.module.css";
import { IssueList } from "@/components/flow/flow-issue-list";
import { FlowNodeDetails } from "@/components/flow/flow-node-details";
import type { FlowSelection } from "@/components/flow/to-react-flow";
import { StatusBadge } from "@/components/ui/status-badge";
import { buildFlowHref } from "@/lib/flow/links";
import type { FlowEdge, FlowGraph } from "@/lib/flow/types";
import { formatCount, formatDuration, formatRate } from "@/lib/format";

export type FlowSidePanelProps = {
  graph: FlowGraph;
  selection: FlowSelection;
  onClose: () => void;
  onSelect: (selection: FlowSelection) => void;
  onFocus: (nodeId: string) => void;
};

/** Numbers, contract, owner and links of the selected node or edge. */
export function FlowSidePanel({ graph, selection, onClose, onSelect, onFocus }: FlowSidePanelProps) {
  const node = selection.type === "node" ? graph.nodes.find((candidate) => candidate.id === selection.id) : undefined;
  const edge = selection.type === "edge" ? graph.edges.find((candidate) => candidate.id === selection.id) : undefined;
  return (
    <aside className={styles.panel} data-testid="flow-side-panel" aria-label="Selection details">
      <div className={styles.panelHeader}>
        <span className="subtle">{node ? node.kind.replace("-", " ") : edge ? `${edge.kind} edge` : "gone"}</span>
        <button type="button" className="secondary" onClick={onClose} aria-label="Close details">
          ×
        </button>
      </div>
      {node && <FlowNodeDetails graph={graph} node={node} onSelect={onSelect} onFocus={onFocus} />}
      {edge && <FlowEdgeDetails graph={graph} edge={edge} onSelect={onSelect} />}
      {!node && !edge && <p className="subtle">This item is no longer in the graph (it vanished in the last refresh).</p>}
    </aside>
  );
}

function FlowEdgeDetails({ graph, edge, onSelect }: { graph: FlowGraph; edge: FlowEdge; onSelect: (selection: FlowSelection) => void }) {
  const labelOf = (id: string) => graph.nodes.find((node) => node.id === id)?.label ?? id;
  const topicId = edge.kind === "produces" ? edge.target : edge.source;
  const topic = topicId.slice("topic:".length);
  const estimated = edge.kind === "produces" && edge.rateSource !== "none";
  return (
    <>
      <h2>
        <button type="button" className="secondary" onClick={() => onSelect({ type: "node", id: edge.source })}>
          {labelOf(edge.source)}
        </button>{" "}
        →{" "}
        <button type="button" className="secondary" onClick={() => onSelect({ type: "node", id: edge.target })}>
          {labelOf(edge.target)}
        </button>
      </h2>
      <dl>
        <dt>Rate</dt>
        <dd data-testid="flow-side-panel-rate">
          {formatRate(edge.rate)}
          {estimated ? (edge.rateSource === "producer-sample" ? " (estimated from sampled producers)" : " (estimated: topic rate split between declared producers)") : ""}
        </dd>
        {edge.kind === "consumes" && (
          <>
            <dt>Lag</dt>
            <dd>{edge.lag === null ? "—" : `${formatCount(edge.lag)} messages`}</dd>
            <dt>Time lag</dt>
            <dd>{formatDuration(edge.timeLagSeconds)} behind</dd>
            <dt>Objective</dt>
            <dd>{edge.lagObjectiveSec === null ? "none in the contract" : `${formatDuration(edge.lagObjectiveSec)} max`}</dd>
            <dt>Status</dt>
            <dd>{edge.status ? <StatusBadge status={edge.status} /> : "—"}</dd>
            <dt>Groups</dt>
            <dd>
              {edge.groups.length === 0
                ? "none observed"
                : edge.groups.map((groupId) => (
                    <div key={groupId}>
                      <Link href={buildFlowHref({ kind: "group", groupId }, graph.cluster)}>{groupId}</Link>
                    </div>
                  ))}
            </dd>
          </>
        )}
        {edge.sample && (
          <>
            <dt>Sample</dt>
            <dd data-testid="flow-side-panel-sample">
              {formatCount(edge.sample.records)} of {formatCount(edge.sample.sampledRecords)} sampled records
            </dd>
          </>
        )}
        {edge.conformance && (
          <>
            <dt>Contract</dt>
            <dd data-testid="flow-side-panel-conformance" className={edge.conformance.violations > 0 ? "status-STOPPED" : undefined}>
              {formatCount(edge.conformance.violations)} of {formatCount(edge.conformance.checked)} checked records break it
            </dd>
          </>
        )}
        <dt>Catalog</dt>
        <dd>{describeClassification(edge.classification)}</dd>
      </dl>
      <IssueList issues={edge.issues} cluster={graph.cluster} />
      <div className={styles.linkList}>
        <Link href={buildFlowHref({ kind: "topic", name: topic }, graph.cluster)}>Topic page</Link>
      </div>
    </>
  );
}
