import type { ReactNode } from "react";
import styles from "@/components/catalog/catalog.module.css";
import type { ClusterState } from "@/lib/collector/types";
import { formatAge } from "@/lib/format";
import { staleCause } from "@/lib/stale-cause";

/** The catalog database could not be read: say so and how to fix it, instead of crashing. */
export function CatalogUnavailable({ reason }: { reason: string }) {
  return (
    <div className="banner danger" role="alert" data-testid="catalog-unavailable">
      <strong>The catalog is unavailable.</strong> {reason}
    </div>
  );
}

/** Live data missing or old: Kafka unreachable, or the collector has not sampled yet. */
export function LiveDataNotice({
  state,
  cluster,
}: {
  state: (Pick<ClusterState, "stale" | "ageSeconds" | "lastError"> & { hasSnapshot: boolean; collectorDown?: boolean }) | null;
  cluster: string;
}) {
  if (!state) {
    return (
      <div className="banner warning" role="status" data-testid="live-unavailable">
        Cluster &quot;{cluster}&quot; is not configured, so there is no live data for it.
      </div>
    );
  }
  if (!state.hasSnapshot) {
    return (
      <div className="banner warning" role="status" data-testid="live-unavailable">
        <strong>No live data for cluster &quot;{cluster}&quot;.</strong>{" "}
        {state.lastError
          ? `${staleCause(state.lastError, state.collectorDown)}: ${state.lastError}.`
          : "The collector has not taken its first sample yet."}{" "}
        The catalog below is
        still accurate.
      </div>
    );
  }
  if (!state.stale) return null;
  return (
    <div className="banner warning" role="status" data-testid="stale-banner">
      <strong>Live numbers from {formatAge(state.ageSeconds)}.</strong> {staleCause(state.lastError, state.collectorDown)}:{" "}
      {state.lastError}.
    </div>
  );
}

export function SavedBanner({ show, children }: { show: boolean; children: ReactNode }) {
  if (!show) return null;
  return (
    <div className="banner info" role="status" data-testid="saved-banner">
      {children}
    </div>
  );
}

export function DetailsList({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className={styles.details}>
      {items.map(([label, value]) => (
        <div key={label} style={{ display: "contents" }}>
          <dt>{label}</dt>
          <dd>{value === null || value === undefined || value === "" ? <span className="subtle">—</span> : value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Tags({ values }: { values: string[] }) {
  if (values.length === 0) return <span className="subtle">—</span>;
  return (
    <span className={styles.tags}>
      {values.map((value) => (
        <span key={value} className={styles.tag}>
          {value}
        </span>
      ))}
    </span>
  );
}

export function ExternalLink({ href }: { href: string | null }) {
  if (!href) return null;
  return (
    <a href={href} target="_blank" rel="noreferrer noopener">
      {href}
    </a>
  );
}
