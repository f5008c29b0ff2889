// The audit page's query: filters, newest first, one page at a time (server-side pagination).
import type { Prisma } from "@/lib/generated/prisma/client";
import { toAuditRecord, type AuditRecord } from "@/lib/catalog/audit";
import type { CatalogDb } from "@/lib/catalog/records";
import type { AuditQuery } from "@/lib/validation/api/audit";

export async function searchAuditLog(db: CatalogDb, query: AuditQuery): Promise<{ entries: AuditRecord[]; total: number }> {
  const actor = query.actor?.trim();
  const where: Prisma.AuditEntryWhereInput = {
    ...(actor ? { OR: [{ actorSubject: actor }, { actor: { contains: actor, mode: "insensitive" } }] } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.entityType ? { entityType: query.entityType } : {}),
    ...(query.from || query.to ? { at: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lte: query.to } : {}) } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.auditEntry.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
    db.auditEntry.count({ where }),
  ]);
  return { entries: rows.map(toAuditRecord), total };
}
