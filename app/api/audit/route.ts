import { apiRoute, routeMethods } from "@/lib/api/route";
import { requirePermission } from "@/lib/auth/require";
import { parseAuditRetentionDays } from "@/lib/catalog/audit-retention";
import { searchAuditLog } from "@/lib/catalog/audit-search";
import { getDb } from "@/lib/db";
import { auditListResponseSchema, auditQuerySchema } from "@/lib/validation/api/audit";

export const dynamic = "force-dynamic";

/** The audit log, filtered (actor, action, entityType, from, to) and paged (page, pageSize), newest first. Admins only. */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ query: auditQuerySchema, response: auditListResponseSchema }, async ({ query, principal }) => {
    requirePermission(principal, { kind: "audit.read" });
    const { entries, total } = await searchAuditLog(getDb(), query);
    return { entries, total, page: query.page, pageSize: query.pageSize, retentionDays: parseAuditRetentionDays(process.env.AUDIT_RETENTION_DAYS) };
  }),
});
