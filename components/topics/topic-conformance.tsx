"use client";

import { useState } from "react";
import { RangeSelector, type ChartRange } from "@/components/charts/range-selector";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { COUNT_AXIS } from "@/components/charts/axis-format";
import { ConformanceViolations } from "@/components/topics/conformance-violations";
import { useConformanceHistoryQuery } from "@/components/topics/use-conformance-query";
import { formatShare } from "@/components/topics/producer-labels";
import { ErrorState } from "@/components/ui/states";
import { Stat } from "@/components/ui/stat";
import { formatCount } from "@/lib/format";
import type { TopicConformanceView } from "@/lib/validation/api/topics";

function formatPercent(percent: number | null): string {
  return percent === null ? "—" : formatShare(percent / 100);
}

function percentOf(checked: number, violations: number): number | null {
  return checked === 0 ? null : ((checked - violations) / checked) * 100;
}

/** How the sampled records match the topic's JSON Schema contract: totals, per producer, latest violations, history. */
export function TopicConformance({ cluster, topic, conformance, pollMs }: { cluster: string; topic: string; conformance: TopicConformanceView | null; pollMs: number }) {
  const [range, setRange] = useState<ChartRange>("1h");
  const history = useConformanceHistoryQuery(cluster, topic, range, pollMs);
  if (!conformance) {
    return (
      <div className="empty card" data-testid="conformance-none">
        This topic has no JSON Schema contract on this cluster, so its records are not checked. Add a value schema to its contract in the catalog.
      </div>
    );
  }
  return (
    <section data-testid="topic-conformance">
      <div className="grid">
        <Stat label="Records checked" value={formatCount(conformance.checked)} testId="conformance-checked" />
        <Stat label="Violations" value={formatCount(conformance.violations)} testId="conformance-violations" />
        <Stat label="Conforming" value={formatPercent(conformance.percent)} testId="conformance-percent" />
        <Stat label="Contract version" value={`v${conformance.contractVersion}`} testId="conformance-version" />
      </div>
      <h3>Per producer</h3>
      {conformance.byProducer.length === 0 ? (
        <p className="subtle">No record checked in the window yet.</p>
      ) : (
        <table data-testid="conformance-by-producer">
          <thead>
            <tr>
              <th>Producer header</th>
              <th className="num">Checked</th>
              <th className="num">Violations</th>
              <th className="num">Conforming</th>
            </tr>
          </thead>
          <tbody>
            {conformance.byProducer.map((entry) => (
              <tr
                key={entry.value ?? "\u0000"}
                data-testid={entry.value === null ? "conformance-producer-unattributed" : `conformance-producer-${entry.value}`}
                className={entry.violations > 0 ? "status-WARNING" : undefined}
              >
                <td className="mono">{entry.value ?? <span className="subtle">(no header)</span>}</td>
                <td className="num" data-testid="conformance-producer-checked">{formatCount(entry.checked)}</td>
                <td className="num" data-testid="conformance-producer-violations">{formatCount(entry.violations)}</td>
                <td className="num" data-testid="conformance-producer-percent">{formatPercent(percentOf(entry.checked, entry.violations))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Latest violations</h3>
      <ConformanceViolations cluster={cluster} topic={topic} violations={conformance.latestViolations} />
      <h3>History</h3>
      <div className="card">
        <div className="toolbar">
          <RangeSelector value={range} onChange={setRange} label="Conformance history range" />
        </div>
        {history.isError && <ErrorState title="Conformance history is unavailable" error={history.error} />}
        {history.data && history.data.points.length < 2 && (
          <div className="empty" data-testid="conformance-history-empty">
            History appears after a few samples.
          </div>
        )}
        {history.data && history.data.points.length >= 2 && (
          <TimeSeriesChart
            testId="conformance-history-chart"
            points={history.data.points}
            series={[
              { key: "checked", label: "Records checked", color: "var(--accent)", format: (value) => formatCount(value), axisLabel: COUNT_AXIS },
              { key: "violations", label: "Violations", color: "var(--danger)", format: (value) => formatCount(value), axisLabel: COUNT_AXIS },
            ]}
          />
        )}
      </div>
    </section>
  );
}
