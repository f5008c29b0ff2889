// A migrated throwaway PostgreSQL database with a Prisma client, for the catalog's integration tests.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createPrismaClient } from "@/lib/db-client";
import { createTestDatabase } from "./test-database";

export type CatalogTestDatabase = { db: PrismaClient; url: string; close(): Promise<void> };

export async function openCatalogTestDatabase(): Promise<CatalogTestDatabase> {
  const database = await createTestDatabase();
  const { client } = createPrismaClient({ databaseUrl: database.url, pgliteDir: "" });
  return {
    db: client,
    url: database.url,
    async close() {
      await client.$disconnect();
      await database.drop();
    },
  };
}

/** Audit rows in insertion order, without ids and timestamps, for exact assertions. */
export async function readAudit(db: PrismaClient) {
  const rows = await db.auditEntry.findMany({ orderBy: { id: "asc" } });
  return rows.map((row) => ({ actor: row.actor, action: row.action, entityType: row.entityType, entityKey: row.entityKey, before: row.before, after: row.after }));
}
