"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { FlowCanvas } from "@/components/flow/flow-canvas";
import type { FlowSelection } from "@/components/flow/to-react-flow";
import { useFlowLayout } from "@/components/flow/use-flow-layout";
import { useFlowQuery } from "@/components/flow/use-flow-query";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { selectNeighbourhood } from "@/lib/flow/neighbourhood";
import type { FlowGraph } from "@/lib/flow/types";
import { flowsPageHref } from "@/lib/page-urls";

/**
 * A small graph of one service or topic with `hops` steps up and downstream, for the service
 * and topic pages. Node ids: "service:<slug>", "topic:<name>", "group:<groupId>".
 */
export function FlowNeighbourhood({ graph, nodeId, hops = 1 }: { graph: FlowGraph; nodeId: string; hops?: number }) {
  const [selection, setSelection] = useState<FlowSelection | null>({ type: "node", id: nodeId });
  const neighbourhood = useMemo(() => selectNeighbourhood(graph, nodeId, hops), [graph, nodeId, hops]);
  const { rendered, pending } = useFlowLayout(neighbourhood);
  const href = flowsPageHref(graph.cluster, { focus: nodeId });
  if (neighbourhood.nodes.length === 0) {
    return <EmptyState>Not in the flow graph of cluster {graph.cluster}.</EmptyState>;
  }
  return (
    <div data-testid="flow-neighbourhood">
      {rendered ? (
        <FlowCanvas rendered={rendered} pending={pending} selection={selection} onSelect={setSelection} fitKey={`${nodeId}:${hops}`} small />
      ) : (
        <div className="skeleton" style={{ height: 280 }} aria-busy="true" />
      )}
      <div style={{ marginTop: "0.4rem" }}>
        <Link href={href}>Open in the flow graph →</Link>
      </div>
    </div>
  );
}

/** FlowNeighbourhood with its own data: drop it on a service or topic page. */
export function FlowNeighbourhoodPanel({ cluster, nodeId, pollMs, hops }: { cluster: string; nodeId: string; pollMs: number; hops?: number }) {
  const query = useFlowQuery({ cluster, pollMs });
  if (query.isPending) return <div className="skeleton" style={{ height: 280 }} aria-busy="true" />;
  if (query.isError) return <ErrorState title="The flow graph could not be loaded" error={query.error} />;
  return <FlowNeighbourhood graph={query.data.graph} nodeId={nodeId} hops={hops} />;
}
