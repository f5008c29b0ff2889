import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { alertPageUrl } from "@/lib/alerts/config";
import { isSilenced, type SilenceWindow } from "@/lib/alerts/silences";
import { nextRetryDelayMs } from "@/lib/alerts/delivery/backoff";
import { buildRequest, type ChannelKind } from "@/lib/alerts/delivery/payloads";

export type DeliveryOptions = { timeoutMs: number; log: (message: string) => void };

/**
 * Sends one claimed notification and records the attempt: delivered on a 2xx, else retried later
 * with backoff, or failed after the last attempt. A silenced alert is not sent ("suppressed"), and
 * neither is the resolution of one whose firing was suppressed.
 */
export async function deliverNotification(db: PrismaClient, id: bigint, silences: SilenceWindow[], options: DeliveryOptions): Promise<void> {
  const notification = await db.alertNotification.findUnique({ where: { id }, include: { alert: true, channel: true } });
  if (!notification || notification.status !== "delivering") return;
  const { alert, channel } = notification;
  const now = new Date();
  const firingSuppressed =
    notification.transition === "resolved" &&
    (await db.alertNotification.count({ where: { alertId: alert.id, channelId: channel.id, transition: "firing", status: "suppressed" } })) > 0;
  if (!channel.enabled || firingSuppressed || (notification.transition === "firing" && isSilenced(silences, alert, now.getTime()))) {
    const reason = !channel.enabled ? "channel disabled" : "silenced";
    await settle(db, id, { status: "suppressed", lastError: reason, finishedAt: now });
    return;
  }
  const request = buildRequest({
    notificationId: id.toString(),
    transition: notification.transition === "resolved" ? "resolved" : "firing",
    alert,
    channel: { kind: channel.kind as ChannelKind, url: channel.url, secret: channel.secret },
    alertUrl: alertPageUrl(alert.id),
    now,
  });
  const started = Date.now();
  let httpStatus: number | null = null;
  let error: string | null = null;
  try {
    // Redirects are not followed: a webhook that moved should be reconfigured, not chased.
    const response = await fetch(request.url, { method: "POST", headers: request.headers, body: request.body, redirect: "manual", signal: AbortSignal.timeout(options.timeoutMs) });
    httpStatus = response.status;
    await response.body?.cancel().catch(() => undefined);
    if (response.status < 200 || response.status > 299) error = `HTTP ${response.status}`;
  } catch (caught) {
    error = describeFetchError(caught, options.timeoutMs);
  }
  const durationMs = Date.now() - started;
  const attempts = notification.attempts + 1;
  await db.alertDeliveryAttempt.create({ data: { notificationId: id, at: new Date(started), durationMs, httpStatus, error, ok: error === null } });
  if (error === null) {
    await settle(db, id, { status: "delivered", attempts, lastError: null, finishedAt: new Date() });
    return;
  }
  const delay = nextRetryDelayMs(attempts);
  options.log(`[alerts] ${channel.kind} channel ${channel.team}/${channel.name}: attempt ${attempts} failed (${error})${delay === null ? "; giving up" : ""}`);
  await settle(
    db,
    id,
    delay === null
      ? { status: "failed", attempts, lastError: error, finishedAt: new Date() }
      : { status: "pending", attempts, lastError: error, nextAttemptAt: new Date(Date.now() + delay) },
  );
}

type Settlement = { status: string; attempts?: number; lastError?: string | null; finishedAt?: Date; nextAttemptAt?: Date };

// Only while we still hold the claim: a row another process reclaimed after our lease ran out is theirs.
async function settle(db: PrismaClient, id: bigint, data: Settlement) {
  await db.alertNotification.updateMany({ where: { id, status: "delivering" }, data: { ...data, claimedUntil: null } });
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: string })?.name;
  if (name === "TimeoutError" || name === "AbortError") return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return (cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))).slice(0, 300);
}
