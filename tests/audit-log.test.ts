// Integration (real PostgreSQL): the audit log's subjects, search (filters, pages) and retention.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "@/lib/auth/types";
import { recordAuthEvent } from "@/lib/auth/audit-events";
import { recordAudit } from "@/lib/catalog/audit";
import { pruneAuditLog } from "@/lib/catalog/audit-retention";
import { searchAuditLog } from "@/lib/catalog/audit-search";
import { auditQuerySchema } from "@/lib/validation/api/audit";
import { openCatalogTestDatabase, type CatalogTestDatabase } from "./support/catalog-database";

const ada: Principal = { kind: "user", subject: "kc-sub-ada", name: "Ada", email: "ada@example.com", role: "admin", teams: [], permissions: { readMessages: true, readSensitive: true } };
const query = (raw: Record<string, string>) => auditQuerySchema.parse(raw);

let database: CatalogTestDatabase;
beforeAll(async () => {
  database = await openCatalogTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("the audit log", () => {
  it("records the principal's subject and kind, a plain name as a system actor, and sign-in events", async () => {
    const { db } = database;
    await recordAudit(db, { actor: ada, action: "create", entityType: "team", entityKey: "commerce", before: null, after: { slug: "commerce" } });
    await recordAudit(db, { actor: "demo-seed", action: "import", entityType: "catalog", entityKey: "upload", before: null, after: null });
    await recordAuthEvent(db, { kind: "login.failed", subject: null, name: null, reason: "state mismatch", ip: "10.0.0.9" });
    await recordAuthEvent(db, { kind: "login", subject: "kc-sub-ada", name: "ada@example.com", reason: "oidc" });
    const rows = await db.auditEntry.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((row) => [row.actor, row.actorSubject, row.actorKind, row.action, row.entityType, row.entityKey, row.after])).toEqual([
      ["ada@example.com", "kc-sub-ada", "user", "create", "team", "commerce", { slug: "commerce" }],
      ["demo-seed", null, "system", "import", "catalog", "upload", null],
      ["unknown", null, "system", "login.failed", "auth", "unknown", { reason: "state mismatch", ip: "10.0.0.9" }],
      ["ada@example.com", "kc-sub-ada", "user", "login", "auth", "kc-sub-ada", { reason: "oidc", ip: null }],
    ]);
  });

  it("filters by actor (part of the name, or the exact subject), action, entity type and time, newest first, in pages", async () => {
    const { db } = database;
    const actions = async (raw: Record<string, string>) => (await searchAuditLog(db, query(raw))).entries.map((entry) => entry.action);
    expect(await actions({ actor: "ADA@" })).toEqual(["login", "create"]);
    expect(await actions({ actor: "kc-sub-ada" })).toEqual(["login", "create"]);
    expect(await actions({ action: "login.failed" })).toEqual(["login.failed"]);
    expect(await actions({ entityType: "auth" })).toEqual(["login", "login.failed"]);
    expect(await actions({ to: "2000-01-01" })).toEqual([]);
    const pageTwo = await searchAuditLog(db, query({ page: "2", pageSize: "3" }));
    expect({ total: pageTwo.total, actions: pageTwo.entries.map((entry) => entry.action) }).toEqual({ total: 4, actions: ["create"] });
  });

  it("deletes entries older than the retention, and only those", async () => {
    const { db } = database;
    const now = new Date("2027-06-01T00:00:00Z");
    await db.auditEntry.create({ data: { actor: "old", action: "create", entityType: "team", entityKey: "old", at: new Date("2026-05-31T23:59:59Z") } });
    await db.auditEntry.create({ data: { actor: "kept", action: "create", entityType: "team", entityKey: "kept", at: new Date("2026-06-01T00:00:01Z") } });
    expect(await pruneAuditLog(db, 365, now)).toBe(1);
    expect(await db.auditEntry.count({ where: { actor: { in: ["old", "kept"] } } })).toBe(1);
    expect((await db.auditEntry.findFirst({ where: { actor: "kept" } }))?.entityKey).toBe("kept");
  });
});
