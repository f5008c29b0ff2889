// Database rows as the API's views. No "server-only": pure mapping.
import type { Alert, AlertChannel, AlertDeliveryAttempt, AlertNotification } from "@/lib/generated/prisma/client";
import type { AlertView, ChannelView, NotificationView } from "@/lib/validation/api/alerts";
import type { ChannelKind } from "@/lib/alerts/delivery/payloads";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * `clusterEvaluatedAt`: when the alert's cluster was last evaluated (AlertEvaluation). A live alert
 * was evaluated then too, though only a change rewrites its row; a resolved one was last evaluated
 * when it resolved.
 */
export function toAlertView(row: Alert, silenced: boolean, clusterEvaluatedAt?: Date): AlertView {
  const evaluatedAt = row.activeKey !== null && clusterEvaluatedAt && clusterEvaluatedAt > row.evaluatedAt ? clusterEvaluatedAt : row.evaluatedAt;
  return {
    id: row.id,
    key: row.key,
    rule: row.rule,
    ruleName: row.ruleName,
    cluster: row.cluster,
    groupId: row.groupId,
    topic: row.topic,
    team: row.team,
    service: row.service,
    severity: row.severity,
    state: row.state === "firing" || row.state === "resolved" ? row.state : "pending",
    silenced,
    summary: row.summary,
    value: row.value,
    threshold: row.threshold,
    startedAt: row.startedAt.toISOString(),
    firingAt: iso(row.firingAt),
    resolvedAt: iso(row.resolvedAt),
    evaluatedAt: evaluatedAt.toISOString(),
    acknowledgedAt: iso(row.acknowledgedAt),
    acknowledgedBy: row.acknowledgedBy,
  };
}

/** Scheme and host, the path masked: "https://hooks.slack.com/…". The full URL never leaves the server. */
export function maskChannelUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const hasPath = parsed.pathname !== "/" || parsed.search !== "";
    return `${parsed.protocol}//${parsed.host}${hasPath ? "/…" : ""}`;
  } catch {
    return "(invalid URL)";
  }
}

export function toChannelView(row: AlertChannel): ChannelView {
  return {
    id: row.id,
    team: row.team,
    name: row.name,
    kind: row.kind as ChannelKind,
    target: maskChannelUrl(row.url),
    hasSecret: row.secret !== null,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
  };
}

type NotificationRow = AlertNotification & { channel: Pick<AlertChannel, "id" | "team" | "name" | "kind">; attemptLog: AlertDeliveryAttempt[] };

export function toNotificationView(row: NotificationRow): NotificationView {
  return {
    id: row.id.toString(),
    alertId: row.alertId,
    transition: row.transition === "resolved" ? "resolved" : "firing",
    channel: { id: row.channel.id, team: row.channel.team, name: row.channel.name, kind: row.channel.kind as ChannelKind },
    status: row.status as NotificationView["status"],
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    finishedAt: iso(row.finishedAt),
    log: row.attemptLog.map((attempt) => ({ at: attempt.at.toISOString(), durationMs: attempt.durationMs, httpStatus: attempt.httpStatus, error: attempt.error, ok: attempt.ok })),
  };
}

export const notificationInclude = {
  channel: { select: { id: true, team: true, name: true, kind: true } },
  attemptLog: { orderBy: { at: "asc" } },
} as const;
