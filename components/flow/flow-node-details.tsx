"use client";

import Link from "next/link";
import { describeClassification } from "@/components/flow/edge-style";
import styles from "@/components/flow/flow.module.css";
import { IssueList } from "@/components/flow/flow-issue-list";
import type { FlowSelection } from "@/components/flow/to-react-flow";
import { StatusBadge } from "@/components/ui/status-badge";
import { buildFlowHref } from "@/lib/flow/links";
import type { FlowGraph, FlowNode } from "@/lib/flow/types";
import { formatDuration, formatRate } from "@/lib/format";

type Props = {
  graph: FlowGraph;
  node: FlowNode;
  onSelect: (selection: FlowSelection) => void;
  onFocus: (nodeId: string) => void;
};

/** The node half of the side panel: what it is, who owns it, its flows and where to fix it. */
export function FlowNodeDetails({ graph, node, onSelect, onFocus }: Props) {
  const cluster = graph.cluster;
  const incoming = graph.edges.filter((edge) => edge.target === node.id);
  const outgoing = graph.edges.filter((edge) => edge.source === node.id);
  const labelOf = (id: string) => graph.nodes.find((candidate) => candidate.id === id)?.label ?? id;
  return (
    <>
      <h2>{node.label}</h2>
      <dl>
        {node.kind === "service" && (
          <>
            <dt>Team</dt>
            <dd>{node.teamName}</dd>
            <dt>Tier</dt>
            <dd>{node.tier}</dd>
            {node.tags.length > 0 && (
              <>
                <dt>Tags</dt>
                <dd>{node.tags.join(", ")}</dd>
              </>
            )}
            <dt>Groups</dt>
            <dd>
              {node.consumerGroups.length === 0
                ? "none declared"
                : node.consumerGroups.map((groupId) => (
                    <div key={groupId}>
                      <Link href={buildFlowHref({ kind: "group", groupId }, cluster)}>{groupId}</Link>
                      {node.liveGroups.includes(groupId) ? "" : " (not live)"}
                    </div>
                  ))}
            </dd>
          </>
        )}
        {node.kind === "topic" && (
          <>
            <dt>Rate</dt>
            <dd>{node.live ? formatRate(node.messagesPerSec) : "not on the cluster"}</dd>
            <dt>Partitions</dt>
            <dd>{node.live ? node.partitions : "—"}</dd>
            <dt>Owner</dt>
            <dd>
              {node.contract
                ? `${labelOf(`service:${node.contract.ownerServiceSlug}`)}${node.contract.ownerTeamName ? ` (${node.contract.ownerTeamName})` : ""}`
                : "no contract"}
            </dd>
            <dt>Objective</dt>
            <dd>
              {node.contract?.lagObjectiveSec != null ? `${formatDuration(node.contract.lagObjectiveSec)} max lag` : "none"}
            </dd>
            {node.producerSample && (
              <>
                <dt>Producers</dt>
                <dd data-testid="flow-node-details-unattributed">
                  {node.producerSample.unattributedRecords} of {node.producerSample.sampledRecords} sampled records without producer header
                  {node.producerSample.unattributedRate !== null && ` (≈ ${formatRate(node.producerSample.unattributedRate)} estimate)`}
                </dd>
              </>
            )}
            {node.conformance && (
              <>
                <dt>Contract</dt>
                <dd data-testid="flow-node-details-conformance">
                  {node.conformance.violations} of {node.conformance.checked} checked records break it
                </dd>
              </>
            )}
          </>
        )}
        {node.kind === "unmapped-group" && (
          <>
            <dt>State</dt>
            <dd>{node.state}</dd>
            <dt>Members</dt>
            <dd>{node.members}</dd>
          </>
        )}
        <dt>Status</dt>
        <dd>{node.status ? <StatusBadge status={node.status} /> : "—"}</dd>
        <dt>Catalog</dt>
        <dd>{describeClassification(node.classification)}</dd>
      </dl>
      <IssueList issues={node.issues} cluster={cluster} />
      <div className={styles.linkList}>
        {node.kind === "service" && <Link href={buildFlowHref({ kind: "service", slug: node.slug }, cluster)}>Catalog entry</Link>}
        {node.kind === "topic" && <Link href={buildFlowHref({ kind: "topic", name: node.name }, cluster)}>Topic page</Link>}
        {node.kind === "topic" && (
          <Link href={buildFlowHref(node.contract ? { kind: "contract", topic: node.name } : { kind: "new-contract", topic: node.name }, cluster)}>
            {node.contract ? "Contract" : "Create a contract"}
          </Link>
        )}
        {node.kind === "unmapped-group" && <Link href={buildFlowHref({ kind: "group", groupId: node.groupId }, cluster)}>Group page</Link>}
        <button type="button" className="secondary" onClick={() => onFocus(node.id)}>
          Focus on this
        </button>
      </div>
      {[
        { title: "In", edges: incoming, other: (edge: (typeof incoming)[number]) => edge.source },
        { title: "Out", edges: outgoing, other: (edge: (typeof outgoing)[number]) => edge.target },
      ].map(({ title, edges, other }) =>
        edges.length === 0 ? null : (
          <div key={title}>
            <h3 className="subtle" style={{ fontSize: "0.8rem", margin: "0.75rem 0 0.25rem" }}>
              {title}
            </h3>
            {edges.map((edge) => (
              <div key={edge.id}>
                <button type="button" className="secondary" style={{ padding: "0.1rem 0.4rem", marginBottom: 2 }} onClick={() => onSelect({ type: "edge", id: edge.id })}>
                  {labelOf(other(edge))}
                </button>{" "}
                <span className="subtle">
                  {formatRate(edge.rate)}
                  {edge.status && edge.status !== "OK" ? ` · ${edge.status}` : ""}
                </span>
              </div>
            ))}
          </div>
        ),
      )}
    </>
  );
}
