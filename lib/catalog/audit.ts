// The audit log: who changed what, when, with the record before and after. Written inside the
// same transaction as the change it describes. No "server-only": the CLI import writes it too.
import type { Principal } from "@/lib/auth/types";
import type { CatalogDb } from "@/lib/catalog/records";
import { toJsonColumn } from "@/lib/catalog/records";

/** catalog rows; "token" API tokens; "auth" sign-in events; "topic" reads of a classified topic's messages. */
export type AuditEntityType = "team" | "service" | "contract" | "catalog" | "token" | "auth" | "topic";

/** "system" = not a request's principal: the CLI import, the demo seed, a failed login without a subject. */
export type AuditActorKind = Principal["kind"] | "system";

/**
 * Who did it: the authenticated principal (its subject and kind are recorded beside the display
 * name), or a plain name for work no request did (the CLI import, the demo seed).
 */
export type AuditActor = Principal | string;

export type AuditInput = {
  actor: AuditActor;
  action: string;
  entityType: AuditEntityType;
  entityKey: string;
  before: unknown;
  after: unknown;
};

export type AuditRecord = {
  id: string;
  at: string;
  actor: string;
  actorSubject: string | null;
  actorKind: string | null;
  action: string;
  entityType: AuditEntityType;
  entityKey: string;
  before: unknown;
  after: unknown;
};

/** The display name written to `actor` (and to a schema version's author): email when known, as people search for it. */
export function actorName(actor: AuditActor): string {
  if (typeof actor === "string") return actor.slice(0, 200);
  if (actor.kind === "token") return actor.name.slice(0, 200);
  return (actor.email ?? actor.name).slice(0, 200);
}

/** The columns that say who acted. */
export function actorColumns(actor: AuditActor, subject?: string | null): { actor: string; actorSubject: string | null; actorKind: AuditActorKind } {
  if (typeof actor === "string") return { actor: actorName(actor), actorSubject: subject?.slice(0, 200) ?? null, actorKind: "system" };
  return { actor: actorName(actor), actorSubject: actor.subject.slice(0, 200), actorKind: actor.kind };
}

export async function recordAudit(db: CatalogDb, entry: AuditInput): Promise<void> {
  await db.auditEntry.create({
    data: {
      ...actorColumns(entry.actor),
      action: entry.action,
      entityType: entry.entityType,
      entityKey: entry.entityKey,
      before: toJsonColumn(entry.before),
      after: toJsonColumn(entry.after),
    },
  });
}

type AuditRow = Awaited<ReturnType<CatalogDb["auditEntry"]["findMany"]>>[number];

export function toAuditRecord(row: AuditRow): AuditRecord {
  return {
    id: row.id.toString(),
    at: row.at.toISOString(),
    actor: row.actor,
    actorSubject: row.actorSubject,
    actorKind: row.actorKind,
    action: row.action,
    entityType: row.entityType as AuditEntityType,
    entityKey: row.entityKey,
    before: row.before ?? null,
    after: row.after ?? null,
  };
}

/** Newest first. */
export async function listAuditEntries(
  db: CatalogDb,
  filter: { entityType?: AuditEntityType; entityKey?: string; limit?: number } = {},
): Promise<AuditRecord[]> {
  const rows = await db.auditEntry.findMany({
    where: { entityType: filter.entityType, entityKey: filter.entityKey },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: filter.limit ?? 50,
  });
  return rows.map(toAuditRecord);
}
