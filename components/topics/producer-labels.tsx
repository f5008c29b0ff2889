// Labels shared by the topic page's producers table and the service page's produce edges, so a
// producer reads the same everywhere (and like consume edges: observed / not declared / declared only).
import { formatRate } from "@/lib/format";

export type ProducerClassificationName =
  | "declared-observed"
  | "declared-not-observed"
  | "observed-not-declared"
  | "unknown"
  | "unattributed";

const LABELS: Record<ProducerClassificationName, { label: string; tone: string; title: string }> = {
  "declared-observed": { label: "observed", tone: "status-OK", title: "declared in the catalog and seen in the sample" },
  "observed-not-declared": { label: "not declared", tone: "status-WARNING", title: "a catalog service seen writing here without a declared flow" },
  "declared-not-observed": { label: "declared only", tone: "status-INCOMPLETE", title: "declared in the catalog but not seen in the sample window" },
  unknown: { label: "unknown producer", tone: "status-WARNING", title: "a producer header value no catalog service declares" },
  unattributed: { label: "unattributed", tone: "status-INCOMPLETE", title: "records without the producer header" },
};

export function ProducerClassificationBadge({ classification, testId }: { classification: ProducerClassificationName; testId: string }) {
  const { label, tone, title } = LABELS[classification];
  return (
    <span className={`badge ${tone}`} title={title} data-testid={testId}>
      {label}
    </span>
  );
}

/** 0.4375 → "43.8%". */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return "—";
  return `${Number((share * 100).toFixed(1))}%`;
}

/** Produce rates are estimates (Kafka does not record who wrote a record): always say so. */
export function EstimatedRate({ rate, testId, split }: { rate: number | null; testId: string; split?: boolean }) {
  if (rate === null) return <span data-testid={testId}>—</span>;
  return (
    <span data-testid={testId} title={split ? "the topic's rate split evenly between its declared producers" : "share of the sample × the topic's throughput"}>
      ≈ {formatRate(rate)} <span className="subtle">estimate</span>
    </span>
  );
}
