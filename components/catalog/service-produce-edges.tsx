import Link from "next/link";
import { EstimatedRate, formatShare, ProducerClassificationBadge } from "@/components/topics/producer-labels";
import { topicPageHref } from "@/lib/page-urls";
import { formatCount } from "@/lib/format";
import type { ServiceProduceEdge } from "@/lib/flow/service-produce-edges";

/** The topics this service writes, by the producer header sample, classified like its consume edges. */
export function ServiceProduceEdgesTable({ rows, header }: { rows: ServiceProduceEdge[]; header: string }) {
  if (rows.length === 0) {
    return (
      <p className="subtle" data-testid="service-produce-edges-empty">
        No produce edge: this service declares no produced topic and no sampled record carries its producer header ({header}).
      </p>
    );
  }
  return (
    <table data-testid="service-produce-edges">
      <thead>
        <tr>
          <th>Topic</th>
          <th>Classification</th>
          <th>Header values seen</th>
          <th className="num">Share of sample</th>
          <th className="num">Rate</th>
          <th className="num">Contract violations</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.cluster}/${row.topic}`} data-testid={`produce-edge-${row.cluster}-${row.topic}`} data-classification={row.classification}>
            <td>
              <Link href={topicPageHref(row.cluster, row.topic)} className="mono">
                {row.topic}
              </Link>{" "}
              <span className="subtle">({row.cluster})</span>
            </td>
            <td>
              <ProducerClassificationBadge classification={row.classification} testId="produce-edge-classification" />
            </td>
            <td className="mono" data-testid="produce-edge-values">{row.values.join(", ") || "—"}</td>
            <td className="num" data-testid="produce-edge-share">
              {row.rateSource === "producer-sample" ? `${formatShare(row.share)} of ${formatCount(row.sampledRecords)}` : "—"}
            </td>
            <td className="num">
              <EstimatedRate rate={row.estimatedRate} testId="produce-edge-rate" split={row.rateSource === "declared-split"} />
            </td>
            <td className="num" data-testid="produce-edge-violations">
              {row.conformance ? (
                <span className={row.conformance.violations > 0 ? "status-WARNING" : undefined}>
                  {formatCount(row.conformance.violations)} of {formatCount(row.conformance.checked)}
                </span>
              ) : (
                "—"
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
