import styles from "@/components/flow/flow.module.css";

function LineSample({ color, dash, width = 3 }: { color: string; dash?: string; width?: number }) {
  return (
    <svg width="34" height="10" aria-hidden="true">
      <line x1="2" y1="5" x2="32" y2="5" stroke={color} strokeWidth={width} strokeDasharray={dash} strokeLinecap="round" />
    </svg>
  );
}

/** What the line styles and colours of the flow graph mean. */
export function FlowLegend() {
  return (
    <div className={styles.legend} aria-label="Legend" data-testid="flow-legend">
      <span className={styles.legendItem}>
        <LineSample color="var(--accent)" /> produces (rate estimated)
      </span>
      <span className={styles.legendItem}>
        <LineSample color="var(--ok)" /> consumes, healthy
      </span>
      <span className={styles.legendItem}>
        <LineSample color="var(--warning)" /> lag WARNING
      </span>
      <span className={styles.legendItem}>
        <LineSample color="var(--danger)" /> stalled, stopped or over the lag objective
      </span>
      <span className={styles.legendItem}>
        <LineSample color="var(--danger)" /> ⚠ sampled records breaking the contract
      </span>
      <span className={styles.legendItem}>
        <LineSample color="var(--muted)" dash="8 6" /> declared, not observed
      </span>
      <span className={styles.legendItem}>
        <LineSample color="var(--warning)" dash="2 5" /> observed, undocumented
      </span>
      <span className={styles.legendItem}>
        <LineSample color="var(--muted)" width={1.5} />
        <LineSample color="var(--muted)" width={8} /> width: messages/s (log scale)
      </span>
    </div>
  );
}
