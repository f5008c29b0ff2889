import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { claimDueNotifications } from "@/lib/alerts/delivery/claim";
import { deliverNotification } from "@/lib/alerts/delivery/deliver-one";
import { ALERTMANAGER_REFRESH_MS, refreshAlertmanagerChannels } from "@/lib/alerts/delivery/alertmanager-refresh";
import type { SilenceMatcher, SilenceWindow } from "@/lib/alerts/silences";

export type AlertDeliveryOptions = {
  db: PrismaClient;
  log: (message: string) => void;
  /** How often the outbox is polled. */
  pollMs?: number;
  /** Per request: a slow endpoint costs its own notification this much, nobody else anything. */
  timeoutMs?: number;
  /** Notifications in flight at once in this process. */
  concurrency?: number;
};

/**
 * Delivers the notification outbox, once per collector process. Every notification is sent on its
 * own (never awaited by the poll loop or by another notification), so a slow or broken endpoint
 * delays only its own notifications, and neither collection nor other channels.
 */
export function startAlertDelivery({ db, log, pollMs = 1_000, timeoutMs = 5_000, concurrency = 16 }: AlertDeliveryOptions): { stop(): Promise<void> } {
  const inFlight = new Map<bigint, Promise<void>>();
  let stopped = false;
  let polling = false;

  const poll = async () => {
    if (stopped || polling) return;
    polling = true;
    try {
      const now = new Date();
      const ids = await claimDueNotifications(db, now, concurrency - inFlight.size, [...inFlight.keys()]);
      if (ids.length === 0) return;
      const silences = await loadActiveSilences(db, now);
      for (const id of ids) {
        const delivery = deliverNotification(db, id, silences, { timeoutMs, log })
          .catch((error: unknown) => log(`[alerts] delivery of notification ${id} failed: ${String(error)}`))
          .finally(() => inFlight.delete(id));
        inFlight.set(id, delivery);
      }
    } catch (error) {
      log(`[alerts] could not read the notification outbox: ${String(error)}`);
    } finally {
      polling = false;
    }
  };
  const timer = setInterval(() => void poll(), pollMs);
  timer.unref?.();
  void poll();
  const refresh = setInterval(() => {
    if (!stopped) void refreshAlertmanagerChannels(db, log, timeoutMs).catch((error: unknown) => log(`[alerts] Alertmanager refresh failed: ${String(error)}`));
  }, ALERTMANAGER_REFRESH_MS);
  refresh.unref?.();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearInterval(refresh);
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}

async function loadActiveSilences(db: PrismaClient, now: Date): Promise<SilenceWindow[]> {
  const rows = await db.alertSilence.findMany({ where: { startsAt: { lte: now }, endsAt: { gt: now } } });
  return rows.map((row) => ({ matchers: row.matchers as SilenceMatcher[], startsAt: row.startsAt.getTime(), endsAt: row.endsAt.getTime() }));
}
