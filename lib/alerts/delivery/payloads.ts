// What each kind of channel receives, pure: the request is built here and only sent by ./send.
import { createHmac } from "node:crypto";
import type { Alert } from "@/lib/generated/prisma/client";
import { alertLabels } from "@/lib/alerts/silences";

import type { ChannelKind } from "@/lib/alerts/channel-kinds";
export { CHANNEL_KINDS, type ChannelKind } from "@/lib/alerts/channel-kinds";
export const SIGNATURE_HEADER = "X-Tributary-Signature";

/** The alert as stored (lib/alerts/evaluate.ts writes it). */
export type NotificationAlert = Pick<
  Alert,
  "id" | "key" | "rule" | "ruleName" | "cluster" | "groupId" | "topic" | "team" | "service" | "severity" | "summary" | "value" | "threshold" | "startedAt" | "firingAt" | "resolvedAt"
>;

export type OutgoingNotification = {
  notificationId: string;
  transition: "firing" | "resolved";
  alert: NotificationAlert;
  channel: { kind: ChannelKind; url: string; secret: string | null };
  /** Absolute URL of the alert's page in Tributary. */
  alertUrl: string;
  /** When it is sent: an Alertmanager alert without a heartbeat ends at now + this (see below). */
  now: Date;
};

export type HttpRequestSpec = { url: string; headers: Record<string, string>; body: string };

/** Firing alerts sent to Alertmanager end an hour after each send unless sent again (the refresh does). */
export const ALERTMANAGER_HOLD_MS = 60 * 60_000;

/** `sha256=<hex HMAC-SHA256 of the exact body>` with the channel's secret. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export function buildRequest(notification: OutgoingNotification): HttpRequestSpec {
  const json = { "content-type": "application/json", "user-agent": "Tributary-Alerts/1" };
  switch (notification.channel.kind) {
    case "alertmanager": {
      const base = notification.channel.url.replace(/\/+$/, "");
      return { url: `${base}/api/v2/alerts`, headers: json, body: JSON.stringify(buildAlertmanagerAlerts([notification])) };
    }
    case "slack":
      return { url: notification.channel.url, headers: json, body: JSON.stringify(buildSlackMessage(notification)) };
    case "webhook": {
      const body = JSON.stringify(buildWebhookBody(notification));
      const signature: Record<string, string> = notification.channel.secret ? { [SIGNATURE_HEADER]: signBody(notification.channel.secret, body) } : {};
      return { url: notification.channel.url, headers: { ...json, ...signature, "X-Tributary-Delivery": notification.notificationId }, body };
    }
  }
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function buildWebhookBody({ notificationId, transition, alert, alertUrl }: OutgoingNotification) {
  return {
    version: "1",
    notificationId,
    status: transition,
    alert: {
      id: alert.id,
      key: alert.key,
      rule: alert.rule,
      name: alert.ruleName,
      severity: alert.severity,
      summary: alert.summary,
      labels: alertLabels(alert),
      value: alert.value,
      threshold: alert.threshold,
      startedAt: iso(alert.startedAt),
      firingAt: iso(alert.firingAt),
      resolvedAt: iso(alert.resolvedAt),
      url: alertUrl,
    },
  };
}

/** Alertmanager API v2 postable alerts: empty labels left out, resolved = endsAt set to the resolution. */
export function buildAlertmanagerAlerts(notifications: OutgoingNotification[]) {
  return notifications.map(({ transition, alert, alertUrl, now }) => ({
    labels: Object.fromEntries(Object.entries(alertLabels(alert)).filter(([, value]) => value !== "")),
    annotations: { summary: alert.summary, description: `${alert.ruleName}: ${alert.summary}`, url: alertUrl },
    startsAt: (alert.firingAt ?? alert.startedAt).toISOString(),
    endsAt: transition === "resolved" ? (alert.resolvedAt ?? now).toISOString() : new Date(now.getTime() + ALERTMANAGER_HOLD_MS).toISOString(),
    generatorURL: alertUrl,
  }));
}

// Slack's mrkdwn treats &, < and > as markup.
const slackEscape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function buildSlackMessage({ transition, alert, alertUrl }: OutgoingNotification) {
  const mark = transition === "resolved" ? ":white_check_mark: RESOLVED" : alert.severity === "critical" ? ":red_circle: FIRING" : ":large_orange_circle: FIRING";
  const headline = `${mark} · ${slackEscape(alert.ruleName)}`;
  const context = [alert.team && `team ${alert.team}`, `cluster ${alert.cluster}`, `severity ${alert.severity}`].filter(Boolean).map((part) => slackEscape(part as string));
  return {
    text: `${headline}: ${slackEscape(alert.summary)}`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*${headline}*\n${slackEscape(alert.summary)}\n<${alertUrl}|Open in Tributary>` } },
      { type: "context", elements: [{ type: "mrkdwn", text: context.join(" · ") }] },
    ],
  };
}
