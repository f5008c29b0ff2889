"use client";

import styles from "@/components/flow/flow.module.css";
import type { FlowGraph } from "@/lib/flow/types";

/** Shown in focus mode: which node, how many hops up and downstream, and the way out. */
export function FlowFocusBar(props: {
  graph: FlowGraph;
  nodeId: string;
  hops: number;
  onHopsChange: (hops: number) => void;
  onExit: () => void;
}) {
  const label = props.graph.nodes.find((node) => node.id === props.nodeId)?.label ?? props.nodeId;
  return (
    <div className={styles.focusBar} data-testid="flow-focus-bar" role="status">
      <span>
        Focused on <strong>{label}</strong>,
      </span>
      <label style={{ display: "inline-flex", gap: "0.35rem", alignItems: "center" }}>
        <select value={props.hops} onChange={(event) => props.onHopsChange(Number(event.target.value))} aria-label="Hops">
          {[1, 2, 3, 4, 6].map((hops) => (
            <option key={hops} value={hops}>
              {hops}
            </option>
          ))}
        </select>
        hops up and downstream
      </label>
      <button type="button" className="secondary" onClick={props.onExit}>
        Show everything
      </button>
    </div>
  );
}
