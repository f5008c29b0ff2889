"use client";

import Link from "next/link";
import { AlertStateBadge, SeverityBadge } from "@/components/alerts/alert-badges";
import { groupPageHref, topicPageHref } from "@/lib/page-urls";
import type { AlertView } from "@/lib/validation/api/alerts";

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");

/** Alerts as rows; `compact` leaves out the columns a group, topic or team page already names. */
export function AlertsTable({ alerts, compact = false, actions }: { alerts: AlertView[]; compact?: boolean; actions?: (alert: AlertView) => React.ReactNode }) {
  return (
    <table data-testid="alerts-table">
      <thead>
        <tr>
          <th>State</th>
          <th>Severity</th>
          <th>Alert</th>
          {!compact && <th>Team</th>}
          {!compact && <th>Where</th>}
          <th>Since</th>
          <th>Resolved</th>
          {actions && <th />}
        </tr>
      </thead>
      <tbody>
        {alerts.map((alert) => (
          <tr key={alert.id} data-testid="alert-row" data-rule={alert.rule} data-group={alert.groupId ?? ""} data-topic={alert.topic ?? ""}>
            <td>
              <AlertStateBadge alert={alert} />
            </td>
            <td>
              <SeverityBadge severity={alert.severity} />
            </td>
            <td>
              <Link href={`/alerts/${encodeURIComponent(alert.id)}`}>{alert.ruleName}</Link>
              <div className="subtle" data-testid="alert-summary">
                {alert.summary}
              </div>
              {alert.acknowledgedBy && <div className="subtle">Acknowledged by {alert.acknowledgedBy}</div>}
            </td>
            {!compact && <td>{alert.team ? <Link href={`/alerts/teams/${encodeURIComponent(alert.team)}`}>{alert.team}</Link> : <span className="subtle">no owner</span>}</td>}
            {!compact && (
              <td className="mono">
                {alert.cluster}
                {alert.groupId && (
                  <div>
                    <Link href={groupPageHref(alert.cluster, alert.groupId)}>{alert.groupId}</Link>
                  </div>
                )}
                {alert.topic && (
                  <div>
                    <Link href={topicPageHref(alert.cluster, alert.topic)}>{alert.topic}</Link>
                  </div>
                )}
              </td>
            )}
            <td>{time(alert.firingAt ?? alert.startedAt)}</td>
            <td>{time(alert.resolvedAt)}</td>
            {actions && <td>{actions(alert)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
