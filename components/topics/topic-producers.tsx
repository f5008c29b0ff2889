import Link from "next/link";
import { EstimatedRate, formatShare, ProducerClassificationBadge } from "@/components/topics/producer-labels";
import { formatCount } from "@/lib/format";
import type { TopicProducerView } from "@/lib/validation/api/topics";

function rowTestId(row: TopicProducerView): string {
  if (row.classification === "unattributed") return "producer-unattributed";
  if (row.value === null) return `producer-declared-${row.serviceSlug}`;
  return `producer-value-${row.value}`;
}

/** Who writes the topic, by the producer header over the sample window; rates are estimates. */
export function TopicProducers({ producers, error, header }: { producers: TopicProducerView[] | null; error: string | null; header: string }) {
  if (producers === null) return <div className="banner warning">{error}</div>;
  if (producers.length === 0) {
    return (
      <div className="empty card" data-testid="topic-producers-empty">
        No records sampled in the window and no producer declared in the catalog.
      </div>
    );
  }
  const sampled = producers.reduce((sum, row) => sum + row.records, 0);
  const unattributed = producers.find((row) => row.classification === "unattributed");
  return (
    <>
      <p className="subtle" data-testid="topic-unattributed-share">
        {sampled === 0
          ? "No records sampled in the window yet."
          : `${formatShare(unattributed?.share ?? 0)} of ${formatCount(sampled)} sampled records carry no producer header`}
      </p>
      <table data-testid="topic-producers">
        <thead>
          <tr>
            <th>
              Producer header <span className="subtle mono">({header})</span>
            </th>
            <th>Service</th>
            <th>Classification</th>
            <th className="num">Records sampled</th>
            <th className="num">Share</th>
            <th className="num">Rate</th>
          </tr>
        </thead>
        <tbody>
          {producers.map((row) => (
            <tr key={rowTestId(row)} data-testid={rowTestId(row)} data-classification={row.classification}>
              <td className="mono">{row.value ?? <span className="subtle">{row.classification === "unattributed" ? "(no header)" : "—"}</span>}</td>
              <td data-testid="producer-service">
                {row.serviceSlug ? <Link href={`/catalog/services/${encodeURIComponent(row.serviceSlug)}`}>{row.serviceSlug}</Link> : "—"}
              </td>
              <td>
                <ProducerClassificationBadge classification={row.classification} testId="producer-classification" />
              </td>
              <td className="num" data-testid="producer-records">{formatCount(row.records)}</td>
              <td className="num" data-testid="producer-share">{row.rateSource === "producer-sample" ? formatShare(row.share) : "—"}</td>
              <td className="num">
                <EstimatedRate rate={row.estimatedRate} testId="producer-rate" split={row.rateSource === "declared-split"} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
