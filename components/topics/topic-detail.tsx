"use client";

import Link from "next/link";
import { useState, type ReactNode } from "react";
import { useTopicHistoryQuery, useTopicQuery } from "@/components/topics/use-topics-query";
import { MessageBrowser } from "@/components/topics/message-browser";
import { TopicConformance } from "@/components/topics/topic-conformance";
import { TopicProducers } from "@/components/topics/topic-producers";
import { TimeLag } from "@/components/groups/time-lag";
import { FreshnessBanner, UpdatedAt } from "@/components/ui/freshness-banner";
import { ErrorState, TableSkeleton } from "@/components/ui/states";
import { StatusBadge } from "@/components/ui/status-badge";
import { Stat } from "@/components/ui/stat";
import { groupPageHref } from "@/lib/page-urls";
import { RangeSelector, type ChartRange } from "@/components/charts/range-selector";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { RATE_AXIS } from "@/components/charts/axis-format";
import { formatBytes, formatCount, formatDuration, formatRate, formatRetention } from "@/lib/format";

const DURATION_CONFIGS = new Set(["retention.ms", "segment.ms", "delete.retention.ms", "min.compaction.lag.ms", "max.compaction.lag.ms", "file.delete.delay.ms", "local.retention.ms"]);
const BYTE_CONFIGS = new Set(["retention.bytes", "segment.bytes", "max.message.bytes", "local.retention.bytes"]);

/** Config values in human units beside the raw value. */
function explainConfig(name: string, value: string | null): string | null {
  if (value === null || value === "") return null;
  const number = Number(value);
  if (DURATION_CONFIGS.has(name) && Number.isFinite(number)) return formatRetention(number);
  if (BYTE_CONFIGS.has(name) && Number.isFinite(number)) return number < 0 ? "unlimited" : formatBytes(number);
  return null;
}

export function TopicDetail({
  cluster,
  topic,
  pollMs,
  catalog,
  producerHeader = "x-producer",
  canReadMessages = true,
}: {
  cluster: string;
  topic: string;
  pollMs: number;
  catalog?: ReactNode;
  /** The record header that names the producer (FLOW_PRODUCER_HEADER). */
  producerHeader?: string;
  /** Without the messages.read permission the browser is not shown (the API would answer 403). */
  canReadMessages?: boolean;
}) {
  const query = useTopicQuery(cluster, topic, pollMs);
  const [range, setRange] = useState<ChartRange>("1h");
  const history = useTopicHistoryQuery(cluster, topic, range, pollMs);

  if (query.isPending) return <TableSkeleton rows={4} columns={6} />;
  if (query.isError) return <ErrorState title={`Topic ${topic} is unavailable`} error={query.error} />;
  const { topic: detail, readers, configs, freshness, producers, producersError, conformance } = query.data;

  return (
    <div>
      <div className="page-header">
        <div>
          <h1 data-testid="topic-title">{detail.name}</h1>
          <span className="subtle">
            {detail.partitions.length} partition{detail.partitions.length === 1 ? "" : "s"} · replication factor {detail.replicationFactor}
            {detail.internal && " · internal"}
          </span>
        </div>
        <UpdatedAt freshness={freshness} />
      </div>
      <FreshnessBanner freshness={freshness} />
      <div className="grid">
        <Stat label="Throughput" value={formatRate(detail.messagesPerSec)} testId="topic-rate" />
        <Stat label="Messages retained" value={formatCount(detail.messageCount)} testId="topic-count" />
        <Stat label="Retention" value={formatRetention(detail.retentionMs)} testId="topic-retention" />
        <Stat label="Under-replicated" value={String(detail.underReplicatedPartitions)} testId="topic-urp" />
      </div>
      {catalog}

      <h2>Throughput</h2>
      <div className="card">
        <div className="toolbar">
          <RangeSelector value={range} onChange={setRange} />
        </div>
        {history.isError && <ErrorState title="History is unavailable" error={history.error} />}
        {history.data && history.data.points.length < 2 && <div className="empty">History appears after a few samples.</div>}
        {history.data && history.data.points.length >= 2 && (
          <TimeSeriesChart
            testId="topic-throughput-chart"
            points={history.data.points}
            series={[{ key: "messagesPerSec", label: "Messages/s", color: "var(--accent)", format: (value) => formatRate(value), axisLabel: RATE_AXIS }]}
          />
        )}
      </div>

      <h2>Producers</h2>
      <TopicProducers producers={producers} error={producersError} header={producerHeader} />

      <h2>Contract conformance</h2>
      <TopicConformance cluster={cluster} topic={detail.name} conformance={conformance} pollMs={pollMs} />

      <h2>Consumer groups reading it</h2>
      {readers.length === 0 ? (
        <div className="empty card">No consumer group has committed offsets on this topic.</div>
      ) : (
        <table data-testid="topic-readers">
          <thead>
            <tr>
              <th>Group</th>
              <th>Status</th>
              <th className="num">Members</th>
              <th className="num">Lag</th>
              <th className="num">Time behind</th>
              <th className="num">Consumed</th>
            </tr>
          </thead>
          <tbody>
            {readers.map((reader) => (
              <tr key={reader.groupId} data-testid={`reader-${reader.groupId}`}>
                <td>
                  <Link href={groupPageHref(cluster, reader.groupId)}>{reader.groupId}</Link>
                </td>
                <td>
                  <StatusBadge status={reader.status} />
                </td>
                <td className="num">{reader.members}</td>
                <td className="num">{formatCount(reader.lag)}</td>
                <td className="num">
                  <TimeLag seconds={reader.timeLagSeconds} estimated={reader.timeLagEstimated} testId="reader-time-lag" />
                </td>
                <td className="num">{formatRate(reader.consumedPerSec)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Partitions</h2>
      <table data-testid="topic-partitions">
        <thead>
          <tr>
            <th className="num">Partition</th>
            <th className="num">Leader</th>
            <th>Replicas</th>
            <th>In sync</th>
            <th className="num">Start offset</th>
            <th className="num">End offset</th>
            <th className="num">Messages</th>
          </tr>
        </thead>
        <tbody>
          {detail.partitions.map((partition) => (
            <tr key={partition.partition}>
              <td className="num">{partition.partition}</td>
              <td className="num">{partition.leader < 0 ? <span className="status-STOPPED">offline</span> : partition.leader}</td>
              <td>{partition.replicas.join(", ")}</td>
              <td className={partition.isr.length < partition.replicas.length ? "status-WARNING" : undefined}>{partition.isr.join(", ")}</td>
              <td className="num">{formatCount(partition.startOffset)}</td>
              <td className="num">{formatCount(partition.endOffset)}</td>
              <td className="num">{formatCount(partition.endOffset - partition.startOffset)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Messages</h2>
      {canReadMessages ? (
        <MessageBrowser cluster={cluster} topic={detail.name} partitions={detail.partitions.map((partition) => partition.partition)} />
      ) : (
        <p className="subtle" data-testid="messages-not-allowed">
          Reading message contents needs the message-reader permission; ask an admin.
        </p>
      )}

      <h2>Configuration</h2>
      {configs.error && <div className="banner warning">{configs.error}</div>}
      <table data-testid="topic-configs">
        <thead>
          <tr>
            <th>Name</th>
            <th>Value</th>
            <th>Source</th>
          </tr>
        </thead>
        <tbody>
          {[...configs.entries]
            .sort((a, b) => Number(a.isDefault) - Number(b.isDefault) || a.name.localeCompare(b.name))
            .map((entry) => {
              const explained = explainConfig(entry.name, entry.value);
              return (
                <tr key={entry.name} data-testid={`config-${entry.name}`}>
                  <td className="mono">{entry.name}</td>
                  <td className="mono">
                    {entry.sensitive ? "(hidden)" : entry.value}
                    {explained && <span className="subtle"> ({explained})</span>}
                  </td>
                  <td>{entry.isDefault ? <span className="subtle">default</span> : <span className="badge status-WARNING">overridden</span>}</td>
                </tr>
              );
            })}
        </tbody>
      </table>
    </div>
  );
}
