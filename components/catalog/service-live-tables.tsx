import Link from "next/link";
import styles from "@/components/catalog/catalog.module.css";
import { StatusBadge } from "@/components/ui/status-badge";
import { groupPageHref, topicPageHref } from "@/lib/page-urls";
import type { LagObjectiveVerdict, ServiceGroupLive, ServiceTopicLive } from "@/lib/catalog/live-join";
import { formatCount, formatDuration, formatRate } from "@/lib/format";

const VERDICT_LABELS: Record<LagObjectiveVerdict, string> = {
  met: "within objective",
  exceeded: "over objective",
  unknown: "time lag unknown",
  "no-objective": "no objective",
};

export function LagVerdict({ verdict, objectiveSec }: { verdict: LagObjectiveVerdict; objectiveSec: number | null }) {
  return (
    <span className={styles[`verdict-${verdict}`]} data-testid="lag-verdict" data-verdict={verdict}>
      {VERDICT_LABELS[verdict]}
      {objectiveSec !== null && ` (${formatDuration(objectiveSec)})`}
    </span>
  );
}

const contractHref = (row: { cluster: string; topic: string }) => `/catalog/contracts/${encodeURIComponent(row.cluster)}/${encodeURIComponent(row.topic)}`;

/** The service's topics (owned, produced, consumed) with live throughput. */
export function ServiceTopicsTable({ rows }: { rows: ServiceTopicLive[] }) {
  if (rows.length === 0) return <p className="subtle">No topics: this service owns no contract and declares no flow.</p>;
  return (
    <table data-testid="service-topics">
      <thead>
        <tr>
          <th>Topic</th>
          <th>Role</th>
          <th className="num">Throughput</th>
          <th className="num">Partitions</th>
          <th>On the cluster</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.cluster}/${row.topic}`}>
            <td>
              <Link href={contractHref(row)} className="mono">
                {row.topic}
              </Link>{" "}
              <span className="subtle">({row.cluster})</span>
            </td>
            <td>{row.roles.join(", ")}</td>
            <td className="num" data-testid="topic-rate">{formatRate(row.messagesPerSec)}</td>
            <td className="num">{formatCount(row.partitions)}</td>
            <td>
              {row.presence === "live" && <Link href={topicPageHref(row.cluster, row.topic)}>live topic</Link>}
              {row.presence === "missing" && <span className={styles["verdict-exceeded"]}>missing on the cluster</span>}
              {row.presence === "no-snapshot" && <span className="subtle">no live data</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The service's consumer groups with lag, time lag and status against the contracts' lag objectives. */
export function ServiceGroupsTable({ rows }: { rows: ServiceGroupLive[] }) {
  if (rows.length === 0) return <p className="subtle">No consumer group ids: add them on the edit form to see this service&apos;s live lag.</p>;
  return (
    <table data-testid="service-groups">
      <thead>
        <tr>
          <th>Group</th>
          <th>Status</th>
          <th>Topic</th>
          <th className="num">Lag</th>
          <th className="num">Time lag</th>
          <th>Lag objective</th>
        </tr>
      </thead>
      <tbody>
        {rows.flatMap((group) => {
          const groupCell = group.cluster ? (
            <Link href={groupPageHref(group.cluster, group.groupId)} className="mono">
              {group.groupId}
            </Link>
          ) : (
            <span className="mono">{group.groupId}</span>
          );
          if (group.cluster === null) {
            return [
              <tr key={group.groupId} data-testid={`group-row-${group.groupId}`}>
                <td>{groupCell}</td>
                <td colSpan={5} className="subtle">
                  Not seen on any cluster (not running, or no live data).
                </td>
              </tr>,
            ];
          }
          const topics = group.topics.length > 0 ? group.topics : [null];
          return topics.map((topic, index) => (
            <tr key={`${group.cluster}/${group.groupId}/${topic?.topic ?? "-"}`} data-testid={`group-row-${group.groupId}`}>
              <td>{index === 0 && groupCell}</td>
              <td>{index === 0 && group.status && <StatusBadge status={group.status} reason={group.statusReason ?? undefined} />}</td>
              <td className="mono">{topic?.topic ?? "—"}</td>
              <td className="num">{formatCount(topic?.lag ?? group.lag)}</td>
              <td className="num">{formatDuration(topic?.timeLagSeconds ?? group.timeLagSeconds)}</td>
              <td>{topic ? <LagVerdict verdict={topic.objective} objectiveSec={topic.lagObjectiveSec} /> : "—"}</td>
            </tr>
          ));
        })}
      </tbody>
    </table>
  );
}
