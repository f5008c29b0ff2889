// The audit log: who changed what, when, with the record before and after. Written inside the
// same transaction as the change it describes. No "server-only": the CLI import writes it too.
import type { CatalogDb } from "@/lib/catalog/records";
import { toJsonColumn } from "@/lib/catalog/records";

export type AuditEntityType = "team" | "service" | "contract" | "catalog";

export type AuditInput = {
  actor: string;
  action: string;
  entityType: AuditEntityType;
  entityKey: string;
  before: unknown;
  after: unknown;
};

export type AuditRecord = AuditInput & { id: string; at: string };

export async function recordAudit(db: CatalogDb, entry: AuditInput): Promise<void> {
  await db.auditEntry.create({
    data: {
      actor: entry.actor,
      action: entry.action,
      entityType: entry.entityType,
      entityKey: entry.entityKey,
      before: toJsonColumn(entry.before),
      after: toJsonColumn(entry.after),
    },
  });
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
  return rows.map((row) => ({
    id: row.id.toString(),
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    entityType: row.entityType as AuditEntityType,
    entityKey: row.entityKey,
    before: row.before ?? null,
    after: row.after ?? null,
  }));
}
