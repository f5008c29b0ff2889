"use client";

import { MessageValue, messageValueHref } from "@/components/topics/message-value";
import { formatCount } from "@/lib/format";
import type { ConformanceViolationView } from "@/lib/validation/api/topics";

const time = new Intl.DateTimeFormat("en-GB", { dateStyle: "short", timeStyle: "medium" });

/** The newest sampled records that broke the contract, with where (JSON pointer) and why. */
export function ConformanceViolations({ cluster, topic, violations }: { cluster: string; topic: string; violations: ConformanceViolationView[] }) {
  if (violations.length === 0) return <p className="subtle" data-testid="conformance-no-violations">No violation in the window.</p>;
  return (
    <table data-testid="conformance-latest-violations">
      <thead>
        <tr>
          <th>Pointer</th>
          <th>Message</th>
          <th className="num">Partition</th>
          <th className="num">Offset</th>
          <th>Producer</th>
          <th>Time</th>
          <th>Value</th>
        </tr>
      </thead>
      <tbody>
        {violations.map((violation) => (
          <tr key={`${violation.partition}-${violation.offset}-${violation.pointer}`} data-testid={`violation-${violation.partition}-${violation.offset}`}>
            <td className="mono" data-testid="violation-pointer" data-pointer={violation.pointer}>
              {violation.pointer === "" ? <span className="subtle">(root)</span> : violation.pointer}
            </td>
            <td data-testid="violation-message">{violation.message}</td>
            <td className="num" data-testid="violation-partition">{violation.partition}</td>
            <td className="num" data-testid="violation-offset">{formatCount(violation.offset)}</td>
            <td className="mono" data-testid="violation-producer">{violation.producer ?? <span className="subtle">(no header)</span>}</td>
            <td data-testid="violation-time">{time.format(violation.at)}</td>
            <td data-testid="violation-value">
              <MessageValue value={violation.value} sizeBytes={null} downloadHref={messageValueHref(cluster, topic, violation.partition, violation.offset)} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
