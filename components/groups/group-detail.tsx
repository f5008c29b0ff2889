"use client";

import Link from "next/link";
import { useState } from "react";
import { useGroupHistoryQuery, useGroupQuery } from "@/components/groups/use-groups-query";
import { FreshnessBanner, UpdatedAt } from "@/components/ui/freshness-banner";
import { ErrorState, TableSkeleton } from "@/components/ui/states";
import { StatusBadge } from "@/components/ui/status-badge";
import { Stat } from "@/components/ui/stat";
import { topicPageHref } from "@/lib/page-urls";
import { RangeSelector, type ChartRange } from "@/components/charts/range-selector";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { COUNT_AXIS, DURATION_AXIS } from "@/components/charts/axis-format";
import { TimeLag } from "@/components/groups/time-lag";
import { formatCompact, formatCount, formatDuration, formatRate } from "@/lib/format";

export function GroupDetail({ cluster, groupId, pollMs }: { cluster: string; groupId: string; pollMs: number }) {
  const query = useGroupQuery(cluster, groupId, pollMs);
  const [range, setRange] = useState<ChartRange>("1h");
  const [topic, setTopic] = useState("");
  const history = useGroupHistoryQuery(cluster, groupId, topic, range, pollMs);

  if (query.isPending) return <TableSkeleton rows={4} columns={6} />;
  if (query.isError) return <ErrorState title={`Consumer group ${groupId} is unavailable`} error={query.error} />;
  const { group, producedPerSec, freshness } = query.data;
  const produced = Object.values(producedPerSec).reduce<number>((total, rate) => total + (rate ?? 0), 0);

  return (
    <div>
      <div className="page-header">
        <div>
          <h1 data-testid="group-title">{group.groupId}</h1>
          <span className="subtle">
            {group.state} · {group.members.length} member{group.members.length === 1 ? "" : "s"} · {group.protocolType || "no protocol"}
          </span>
        </div>
        <UpdatedAt freshness={freshness} />
      </div>
      <FreshnessBanner freshness={freshness} />
      <div className="grid">
        <div className="card">
          <div className="stat-label">Status</div>
          <div className="stat-value">
            <StatusBadge status={group.status} reason={group.statusReason} />
          </div>
          <div className="subtle" data-testid="status-reason" style={{ marginTop: 6 }}>
            {group.statusReason}
          </div>
        </div>
        <Stat label="Lag" value={formatCount(group.lag)} testId="group-lag" />
        <Stat label="Time behind" value={<TimeLag seconds={group.timeLagSeconds} estimated={group.timeLagEstimated} />} testId="group-time-lag" />
        <Stat label="Consumed vs produced" value={`${formatRate(group.consumedPerSec)} / ${formatRate(produced)}`} testId="group-rates" />
        <Stat
          label="Time to catch up"
          value={group.catchUpSeconds !== null ? formatDuration(group.catchUpSeconds) : group.lag === 0 ? "caught up" : "not catching up"}
          testId="group-catch-up"
        />
      </div>

      <h2>Lag over time</h2>
      <div className="card">
        <div className="toolbar">
          <RangeSelector value={range} onChange={setRange} />
          <select aria-label="Topic" value={topic} onChange={(event) => setTopic(event.target.value)}>
            <option value="">All topics</option>
            {group.topics.map((entry) => (
              <option key={entry.topic} value={entry.topic}>
                {entry.topic}
              </option>
            ))}
          </select>
        </div>
        {history.isError && <ErrorState title="History is unavailable" error={history.error} />}
        {history.data && history.data.points.length < 2 && <div className="empty">History appears after a few samples.</div>}
        {history.data && history.data.points.length >= 2 && (
          <TimeSeriesChart
            testId="group-lag-chart"
            points={history.data.points}
            series={[
              { key: "lag", label: "Lag (messages)", color: "var(--accent)", format: formatCompact, axisLabel: COUNT_AXIS },
              { key: "timeLagSeconds", label: "Time behind", color: "var(--warning)", format: formatDuration, axisLabel: DURATION_AXIS, axis: "right" },
            ]}
          />
        )}
      </div>

      <h2>Topics</h2>
      <table>
        <thead>
          <tr>
            <th>Topic</th>
            <th>Status</th>
            <th className="num">Lag</th>
            <th className="num">Time behind</th>
            <th className="num">Consumed</th>
            <th className="num">Produced</th>
          </tr>
        </thead>
        <tbody>
          {group.topics.map((entry) => (
            <tr key={entry.topic} data-testid={`group-topic-${entry.topic}`}>
              <td>
                <Link href={topicPageHref(cluster, entry.topic)}>{entry.topic}</Link>
              </td>
              <td>
                <StatusBadge status={entry.status} />
              </td>
              <td className="num" data-testid="topic-lag">
                {formatCount(entry.lag)}
              </td>
              <td className="num">
                <TimeLag seconds={entry.timeLagSeconds} estimated={entry.timeLagEstimated} testId="topic-time-lag" />
              </td>
              <td className="num">{formatRate(entry.consumedPerSec)}</td>
              <td className="num">{formatRate(producedPerSec[entry.topic])}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Partitions</h2>
      <table data-testid="group-partitions">
        <thead>
          <tr>
            <th>Topic</th>
            <th className="num">Partition</th>
            <th className="num">Committed</th>
            <th className="num">End</th>
            <th className="num">Lag</th>
            <th className="num">Time behind</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {group.partitions.map((partition) => (
            <tr key={`${partition.topic}-${partition.partition}`} data-testid={`partition-${partition.topic}-${partition.partition}`}>
              <td>{partition.topic}</td>
              <td className="num">{partition.partition}</td>
              <td className="num" data-testid="partition-committed">
                {partition.committedOffset === null ? (
                  <span className="badge" data-testid="partition-no-commit" title="The group has no committed offset here: its lag counts every retained message (end − start).">
                    no commit
                  </span>
                ) : (
                  formatCount(partition.committedOffset)
                )}
              </td>
              <td className="num">{formatCount(partition.endOffset)}</td>
              <td className="num" data-testid="partition-lag">
                {formatCount(partition.lag)}
              </td>
              <td className="num">
                <TimeLag seconds={partition.timeLagSeconds} estimated={partition.timeLagEstimated} testId="partition-time-lag" />
              </td>
              <td>
                <StatusBadge status={partition.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Members</h2>
      {group.members.length === 0 ? (
        <div className="empty card">No active members: nothing is consuming for this group right now.</div>
      ) : (
        <table data-testid="group-members">
          <thead>
            <tr>
              <th>Client id</th>
              <th>Host</th>
              <th>Assigned partitions</th>
            </tr>
          </thead>
          <tbody>
            {group.members.map((member) => (
              <tr key={member.memberId}>
                <td title={member.memberId}>{member.clientId}</td>
                <td className="mono">{member.host}</td>
                <td>{member.assignments.map((assignment) => `${assignment.topic} [${assignment.partitions.join(", ")}]`).join("; ") || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
