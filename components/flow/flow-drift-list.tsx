"use client";

import Link from "next/link";
import { useState } from "react";
import styles from "@/components/flow/flow.module.css";
import type { FlowSelection } from "@/components/flow/to-react-flow";
import type { DriftItem, FlowIssueKind } from "@/lib/flow/types";

const KIND_LABELS: Record<FlowIssueKind, string> = {
  "not-observed": "not observed",
  undocumented: "undocumented",
  "unowned-topic": "no owner",
  "lag-over-objective": "over objective",
  unhealthy: "lag status",
  "contract-violations": "contract violations",
};
const SEVERITY_CLASS = { danger: "status-STOPPED", warning: "status-WARNING", info: "status-INCOMPLETE" } as const;
const FIRST_PAGE = 50;

/** Everything that differs from "declared, observed and healthy", worst first, each with a fix link. */
export function FlowDriftList({ items, onSelect }: { items: DriftItem[]; onSelect: (selection: FlowSelection) => void }) {
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? items : items.slice(0, FIRST_PAGE);
  return (
    <section className={`card ${styles.drift}`} data-testid="flow-drift-list" aria-labelledby="flow-drift-heading">
      <h2 id="flow-drift-heading" style={{ marginTop: 0 }}>
        Drift <span className="subtle">({items.length})</span>
      </h2>
      {items.length === 0 ? (
        <p className="subtle">Every flow in view is declared in the catalog, observed on the cluster and healthy.</p>
      ) : (
        <div role="list">
          {shown.map((item) => (
            <div key={item.id} role="listitem" className={styles.driftItem} data-testid="flow-drift-item" data-element-id={item.elementId} data-kind={item.kind}>
              <span className={`badge ${SEVERITY_CLASS[item.severity]}`}>{KIND_LABELS[item.kind]}</span>
              <div>
                <button type="button" className={styles.driftTitle} onClick={() => onSelect({ type: item.elementType, id: item.elementId })}>
                  {item.title}
                </button>
                <div className="subtle">{item.reason}</div>
              </div>
              <Link href={item.href}>Fix →</Link>
            </div>
          ))}
        </div>
      )}
      {items.length > FIRST_PAGE && (
        <button type="button" className="secondary" style={{ marginTop: "0.5rem" }} onClick={() => setShowAll(!showAll)}>
          {showAll ? "Show fewer" : `Show all ${items.length}`}
        </button>
      )}
    </section>
  );
}
