"use client";

import { useMemo, useState } from "react";
import { FlowCanvas, type FlowFocusRequest } from "@/components/flow/flow-canvas";
import { FlowDriftList } from "@/components/flow/flow-drift-list";
import { FlowFocusBar } from "@/components/flow/flow-focus-bar";
import { FlowLegend } from "@/components/flow/flow-legend";
import { FlowSidePanel } from "@/components/flow/flow-side-panel";
import { FlowToolbar } from "@/components/flow/flow-toolbar";
import styles from "@/components/flow/flow.module.css";
import type { FlowSelection } from "@/components/flow/to-react-flow";
import { useFlowLayout } from "@/components/flow/use-flow-layout";
import { useFlowQuery } from "@/components/flow/use-flow-query";
import { FreshnessBanner, UpdatedAt } from "@/components/ui/freshness-banner";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { listDrift } from "@/lib/flow/drift";
import { EMPTY_FLOW_FILTERS, filterFlowGraph, listFilterOptions } from "@/lib/flow/filter-flow-graph";
import type { FlowResponse } from "@/lib/flow/get-flow-response";
import { selectNeighbourhood } from "@/lib/flow/neighbourhood";

export type FlowExplorerProps = {
  cluster: string;
  pollMs: number;
  synthetic?: string | null;
  initialData?: FlowResponse | null;
  /** Node id to open focused (from `?focus=`, e.g. a service page's "open in flow graph"). */
  initialFocus?: string | null;
};

type Focus = { nodeId: string; hops: number };

/** The /flows page: graph, filters, search, focus mode, side panel and drift list. */
export function FlowExplorer({ cluster, pollMs, synthetic, initialData, initialFocus }: FlowExplorerProps) {
  const query = useFlowQuery({ cluster, pollMs, synthetic, initialData });
  const graph = query.data?.graph ?? null;
  const [filters, setFilters] = useState(EMPTY_FLOW_FILTERS);
  const [focus, setFocus] = useState<Focus | null>(initialFocus ? { nodeId: initialFocus, hops: 2 } : null);
  const [selection, setSelection] = useState<FlowSelection | null>(initialFocus ? { type: "node", id: initialFocus } : null);
  const [focusRequest, setFocusRequest] = useState<FlowFocusRequest | null>(null);

  const visibleGraph = useMemo(() => {
    if (!graph) return null;
    return focus ? selectNeighbourhood(graph, focus.nodeId, focus.hops) : filterFlowGraph(graph, filters);
  }, [graph, focus, filters]);
  const { rendered, pending, error: layoutError } = useFlowLayout(visibleGraph);
  const drift = useMemo(() => (visibleGraph ? listDrift(visibleGraph) : []), [visibleGraph]);
  const options = useMemo(() => (graph ? listFilterOptions(graph) : { teams: [], tags: [], tiers: [] }), [graph]);

  const reveal = (nodeId: string) => {
    // A node hidden by a filter or the focus comes back by showing everything again.
    if (visibleGraph && !visibleGraph.nodes.some((node) => node.id === nodeId)) {
      setFocus(null);
      setFilters(EMPTY_FLOW_FILTERS);
    }
    setFocusRequest({ nodeId, nonce: Date.now() });
  };
  const selectAndReveal = (next: FlowSelection) => {
    setSelection(next);
    const edge = next.type === "edge" ? graph?.edges.find((candidate) => candidate.id === next.id) : undefined;
    reveal(edge ? (edge.kind === "consumes" ? edge.target : edge.source) : next.id);
  };

  if (query.isPending) {
    return <div className={`${styles.canvas} skeleton`} aria-busy="true" data-testid="flow-loading" />;
  }
  if (query.isError && !query.data) {
    return <ErrorState title="The flow graph could not be loaded" error={query.error} hint="Check that the database is reachable; the page retries on its own." />;
  }
  const response = query.data!;
  return (
    <div>
      <div className="page-header">
        <h1>Flows</h1>
        <span className="subtle">
          {response.graph.nodes.length} nodes · {response.graph.edges.length} edges · {drift.length} drift{" "}
          {response.freshness && <UpdatedAt freshness={response.freshness} />}
        </span>
      </div>
      <FreshnessBanner freshness={response.freshness ?? undefined} />
      {!response.freshness && (
        <div className="banner info" role="status" data-testid="flow-unobserved-banner">
          No live data yet ({response.unobservedReason}). Showing the catalog&apos;s declared flows only.
        </div>
      )}
      {query.isError && <div className="banner warning">Refreshing failed ({String(query.error.message)}); showing the last graph.</div>}
      <FlowToolbar
        options={options}
        filters={filters}
        onFiltersChange={setFilters}
        disabled={focus !== null}
        searchNodes={response.graph.nodes}
        onSearch={(nodeId) => selectAndReveal({ type: "node", id: nodeId })}
      />
      {focus && graph && (
        <FlowFocusBar graph={graph} nodeId={focus.nodeId} hops={focus.hops} onHopsChange={(hops) => setFocus({ ...focus, hops })} onExit={() => setFocus(null)} />
      )}
      {layoutError ? <ErrorState title="The graph could not be laid out" error={layoutError} /> : null}
      {response.graph.nodes.length === 0 ? (
        <EmptyState>No services, topics or consumer groups yet: add services in the catalog, or produce to a topic.</EmptyState>
      ) : (
        <div className={`${styles.layout} ${selection ? "" : styles.layoutNoPanel}`}>
          <div>
            {rendered ? (
              <FlowCanvas
                rendered={rendered}
                pending={pending}
                selection={selection}
                onSelect={setSelection}
                fitKey={JSON.stringify({ filters, focus })}
                focusRequest={focusRequest}
              />
            ) : (
              <div className={`${styles.canvas} skeleton`} aria-busy="true" data-testid="flow-loading" />
            )}
            <FlowLegend />
          </div>
          {selection && graph && (
            <FlowSidePanel
              graph={graph}
              selection={selection}
              onClose={() => setSelection(null)}
              onSelect={selectAndReveal}
              onFocus={(nodeId) => setFocus({ nodeId, hops: focus?.hops ?? 2 })}
            />
          )}
        </div>
      )}
      <FlowDriftList items={drift} onSelect={selectAndReveal} />
    </div>
  );
}
