import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { alertPageUrl } from "@/lib/alerts/config";
import { buildAlertmanagerAlerts } from "@/lib/alerts/delivery/payloads";

/** Well inside ALERTMANAGER_HOLD_MS, so a firing alert never lapses in Alertmanager while it still fires here. */
export const ALERTMANAGER_REFRESH_MS = 10 * 60_000;

/**
 * Alertmanager ends an alert at its endsAt unless told again (Prometheus re-sends every
 * evaluation). Re-posts every still-firing alert to each Alertmanager channel that was told it
 * fired, with a fresh endsAt: one request per channel, best effort (the next round retries).
 */
export async function refreshAlertmanagerChannels(db: PrismaClient, log: (message: string) => void, timeoutMs: number): Promise<void> {
  const delivered = await db.alertNotification.findMany({
    where: { transition: "firing", status: "delivered", channel: { kind: "alertmanager", enabled: true }, alert: { state: "firing" } },
    include: { alert: true, channel: true },
  });
  const byChannel = new Map<string, typeof delivered>();
  for (const notification of delivered) byChannel.set(notification.channelId, [...(byChannel.get(notification.channelId) ?? []), notification]);
  const now = new Date();
  await Promise.allSettled(
    [...byChannel.values()].map(async (notifications) => {
      const channel = notifications[0]!.channel;
      const body = buildAlertmanagerAlerts(
        notifications.map((notification) => ({
          notificationId: notification.id.toString(),
          transition: "firing" as const,
          alert: notification.alert,
          channel: { kind: "alertmanager" as const, url: channel.url, secret: null },
          alertUrl: alertPageUrl(notification.alert.id),
          now,
        })),
      );
      const response = await fetch(`${channel.url.replace(/\/+$/, "")}/api/v2/alerts`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      }).catch((error: unknown) => error);
      if (!(response instanceof Response) || !response.ok) {
        log(`[alerts] refreshing Alertmanager channel ${channel.team}/${channel.name} failed: ${response instanceof Response ? `HTTP ${response.status}` : String(response)}`);
      }
    }),
  );
}
