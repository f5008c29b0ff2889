// Audit retention: entries older than AUDIT_RETENTION_DAYS (default 365) are deleted, by one
// indexed DELETE at most once an hour per process. No "server-only": tests call it directly.
import type { CatalogDb } from "@/lib/catalog/records";

export const DEFAULT_AUDIT_RETENTION_DAYS = 365;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** AUDIT_RETENTION_DAYS as a whole number of days ≥ 1; a bad value is refused at start-up with this message. */
export function parseAuditRetentionDays(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_AUDIT_RETENTION_DAYS;
  if (!/^\d{1,6}$/.test(raw.trim()) || Number(raw) < 1) {
    throw new Error(`AUDIT_RETENTION_DAYS must be a whole number of days, 1 or more (got "${raw}")`);
  }
  return Number(raw);
}

/** Deletes entries older than `retentionDays` before `now`; returns how many. */
export async function pruneAuditLog(db: CatalogDb, retentionDays: number, now = new Date()): Promise<number> {
  const { count } = await db.auditEntry.deleteMany({ where: { at: { lt: new Date(now.getTime() - retentionDays * DAY_MS) } } });
  return count;
}

let lastPrunedAt = 0;
let running: Promise<void> | null = null;

/**
 * Prunes unless this process did within the last hour; never throws (a failed prune is logged
 * and retried after the hour). Cheap to call on every audit read or from a timer.
 */
export function pruneAuditLogPeriodically(db: CatalogDb, retentionDays: number, now = Date.now()): Promise<void> {
  if (running || now - lastPrunedAt < PRUNE_EVERY_MS) return running ?? Promise.resolve();
  lastPrunedAt = now;
  running = pruneAuditLog(db, retentionDays, new Date(now))
    .then((count) => {
      if (count > 0) console.log(`[audit] deleted ${count} entries older than ${retentionDays} days`);
    })
    .catch((error: unknown) => console.error("[audit] pruning failed", error))
    .finally(() => {
      running = null;
    });
  return running;
}

let timer: ReturnType<typeof setInterval> | undefined;

/**
 * Started once per server process (instrumentation.ts): prunes now and every hour. Reads
 * AUDIT_RETENTION_DAYS and throws at start-up when it is malformed. Returns the retention in days.
 */
export function startAuditRetention(getDb: () => CatalogDb, env: Record<string, string | undefined> = process.env): number {
  const days = parseAuditRetentionDays(env.AUDIT_RETENTION_DAYS);
  if (timer) return days;
  const tick = () => void pruneAuditLogPeriodically(getDb(), days);
  timer = setInterval(tick, PRUNE_EVERY_MS);
  timer.unref();
  tick();
  return days;
}
