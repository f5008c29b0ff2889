"use client";

import Link from "next/link";
import { Area, AreaChart, ResponsiveContainer, Tooltip } from "recharts";
import { useClusterHistoryQuery, useHealthQuery, useOverviewQuery, type HealthResponse } from "@/components/overview/use-overview-query";
import { healthProblems } from "@/components/overview/health-problems";
import { FreshnessBanner, UpdatedAt } from "@/components/ui/freshness-banner";
import { ErrorState, TableSkeleton } from "@/components/ui/states";
import { StatusBadge } from "@/components/ui/status-badge";
import { Stat } from "@/components/ui/stat";
import { groupPageHref } from "@/lib/page-urls";
import { formatCount, formatDuration, formatRate } from "@/lib/format";

export function OverviewView({ cluster, pollMs }: { cluster: string; pollMs: number }) {
  const overview = useOverviewQuery(cluster, pollMs);
  const health = useHealthQuery(pollMs * 3);
  const history = useClusterHistoryQuery(cluster, pollMs);
  const data = overview.data?.overview;

  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Overview</h1>
          <span className="subtle">
            Cluster <strong>{cluster}</strong>
            {data && (
              <>
                {" "}
                · id <code data-testid="cluster-id">{data.clusterId}</code>
              </>
            )}
          </span>
        </div>
        <UpdatedAt freshness={overview.data?.freshness} />
      </div>
      <HealthStrip health={health.data} cluster={cluster} staleBannerShown={overview.data?.freshness.stale === true} />
      <FreshnessBanner freshness={overview.data?.freshness} />
      {overview.isPending && <TableSkeleton rows={3} columns={4} />}
      {overview.isError && (
        <ErrorState
          title="No data from Kafka yet"
          error={overview.error}
          hint="Check that the brokers in KAFKA_BROKERS (or the clusters file) are reachable from this server."
        />
      )}
      {data && (
        <>
          <div className="grid">
            <Stat label="Brokers" value={formatCount(data.brokers.length)} testId="stat-brokers" />
            <Stat label="Topics" value={formatCount(data.totals.topics)} testId="stat-topics" />
            <Stat label="Partitions" value={formatCount(data.totals.partitions)} testId="stat-partitions" />
            <Stat label="Throughput" value={formatRate(data.totals.messagesPerSec)} testId="stat-throughput" />
            <Stat label="Consumer groups" value={formatCount(data.groupCount)} testId="stat-groups" />
            <Stat
              label="Under-replicated / offline"
              value={`${data.totals.underReplicatedPartitions} / ${data.totals.offlinePartitions}`}
              testId="stat-urp"
            />
          </div>
          <div className="card" style={{ marginTop: "1rem" }}>
            <div className="stat-label">Messages/s, last hour</div>
            <div style={{ height: 70 }} data-testid="throughput-sparkline">
              {history.data && history.data.points.length > 1 ? (
                <ResponsiveContainer width="100%" height="100%">
                  <AreaChart data={history.data.points}>
                    <Tooltip
                      contentStyle={{ background: "var(--card)", border: "1px solid var(--border)" }}
                      labelFormatter={(value, payload) => new Date(Number(payload?.[0]?.payload?.at ?? 0)).toLocaleTimeString()}
                      formatter={(value) => [formatRate(Number(value)), "throughput"]}
                    />
                    <Area dataKey="messagesPerSec" stroke="var(--accent)" fill="var(--accent)" fillOpacity={0.15} isAnimationActive={false} />
                  </AreaChart>
                </ResponsiveContainer>
              ) : (
                <div className="subtle">History appears after a few samples.</div>
              )}
            </div>
          </div>
          <h2>Groups needing attention</h2>
          <table data-testid="worst-groups">
            <thead>
              <tr>
                <th>Group</th>
                <th>Status</th>
                <th className="num">Lag</th>
                <th className="num">Time behind</th>
              </tr>
            </thead>
            <tbody>
              {data.worstGroups.map((group) => (
                <tr key={group.groupId}>
                  <td>
                    <Link href={groupPageHref(cluster, group.groupId)}>{group.groupId}</Link>
                  </td>
                  <td>
                    <StatusBadge status={group.status} reason={group.statusReason} />
                  </td>
                  <td className="num">{formatCount(group.lag)}</td>
                  <td className="num">{formatDuration(group.timeLagSeconds)}</td>
                </tr>
              ))}
              {data.worstGroups.length === 0 && (
                <tr>
                  <td colSpan={4} className="subtle">
                    No consumer groups on this cluster yet.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <h2>Brokers</h2>
          <table data-testid="brokers">
            <thead>
              <tr>
                <th>Id</th>
                <th>Host</th>
                <th>Rack</th>
                <th>Role</th>
              </tr>
            </thead>
            <tbody>
              {data.brokers.map((broker) => (
                <tr key={broker.nodeId}>
                  <td>{broker.nodeId}</td>
                  <td className="mono">
                    {broker.host}:{broker.port}
                  </td>
                  <td>{broker.rack ?? "—"}</td>
                  <td>{broker.nodeId === data.controller ? "controller" : "broker"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

function HealthStrip({ health, cluster, staleBannerShown }: { health: HealthResponse | undefined; cluster: string; staleBannerShown: boolean }) {
  if (!health) return null;
  const { ok, problems } = healthProblems(health, cluster, staleBannerShown);
  if (ok) {
    return (
      <div className="banner info" data-testid="health-strip" role="status">
        Kafka reachable · database: {health.database.backend} · Tributary {health.version}
      </div>
    );
  }
  if (problems.length === 0) return null;
  return (
    <div className="banner danger" data-testid="health-strip" role="status">
      {problems.map((problem) => (
        <div key={problem}>{problem}</div>
      ))}
    </div>
  );
}
