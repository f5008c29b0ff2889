import "server-only";
import type { CatalogDb } from "@/lib/catalog/records";
import { notFound, type WriteResult } from "@/lib/catalog/results";
import { actorName, type AuditActor } from "@/lib/catalog/audit";
import { isSilenceActive, type SilenceMatcher } from "@/lib/alerts/silences";
import type { SilenceBody, SilenceView } from "@/lib/validation/api/alerts";

function toSilenceView(row: { id: string; matchers: unknown; startsAt: Date; endsAt: Date; author: string; reason: string }, now: number): SilenceView {
  const matchers = row.matchers as SilenceMatcher[];
  return {
    id: row.id,
    matchers,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    author: row.author,
    reason: row.reason,
    active: isSilenceActive({ matchers, startsAt: row.startsAt.getTime(), endsAt: row.endsAt.getTime() }, now),
  };
}

/** Active and upcoming silences, then those that ended in the last day. */
export async function listSilences(db: CatalogDb, now = new Date()): Promise<SilenceView[]> {
  const rows = await db.alertSilence.findMany({ where: { endsAt: { gt: new Date(now.getTime() - 24 * 3600_000) } }, orderBy: [{ endsAt: "desc" }] });
  return rows.map((row) => toSilenceView(row, now.getTime()));
}

export async function createSilence(db: CatalogDb, body: SilenceBody, author: AuditActor, now = new Date()): Promise<SilenceView> {
  const row = await db.alertSilence.create({
    data: { matchers: body.matchers, startsAt: body.startsAt ? new Date(body.startsAt) : now, endsAt: new Date(body.endsAt), author: actorName(author), reason: body.reason },
  });
  return toSilenceView(row, now.getTime());
}

/** Ends a silence now (it stays listed for a day). */
export async function expireSilence(db: CatalogDb, id: string, now = new Date()): Promise<WriteResult<SilenceView>> {
  const row = await db.alertSilence.findUnique({ where: { id } });
  if (!row) return notFound("Silence not found");
  const ended = row.endsAt > now ? await db.alertSilence.update({ where: { id }, data: { endsAt: now } }) : row;
  return { ok: true, record: toSilenceView(ended, now.getTime()) };
}

export async function getSilenceMatchers(db: CatalogDb, id: string): Promise<SilenceMatcher[] | null> {
  const row = await db.alertSilence.findUnique({ where: { id }, select: { matchers: true } });
  return row ? (row.matchers as SilenceMatcher[]) : null;
}

/** Acknowledges a live alert: it keeps firing and notifying, but people see someone is on it. */
export async function acknowledgeAlert(db: CatalogDb, id: string, actor: AuditActor, now = new Date()): Promise<WriteResult<{ acknowledgedAt: string; acknowledgedBy: string }>> {
  const updated = await db.alert.updateMany({ where: { id, activeKey: { not: null } }, data: { acknowledgedAt: now, acknowledgedBy: actorName(actor) } });
  if (updated.count === 0) return notFound("No live alert with that id (it may have resolved)");
  return { ok: true, record: { acknowledgedAt: now.toISOString(), acknowledgedBy: actorName(actor) } };
}
