// Row snapshots of the catalog tables of the database the running app uses (TEST_APP_DATABASE_URL),
// read with plain `pg` so that the check does not depend on the app's own data access.
import pg from "pg";

/** Every catalog table of prisma/schema.prisma (metrics tables are the collector's, not the catalog). */
export const CATALOG_TABLES = ["Team", "Service", "TopicContract", "SchemaVersion", "DeclaredFlow", "AuditEntry"] as const;
export type CatalogTable = (typeof CATALOG_TABLES)[number];
export type CatalogRows = Record<CatalogTable, Record<string, unknown>[]>;

export function databaseUrl(): string {
  const url = process.env.TEST_APP_DATABASE_URL;
  if (!url) throw new Error("TEST_APP_DATABASE_URL is not set: run the fuzz suite through `npm test` (scripts/test.ts)");
  return url;
}

export async function snapshotCatalog(): Promise<CatalogRows> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    const rows = {} as CatalogRows;
    for (const table of CATALOG_TABLES) {
      // Row text as PostgreSQL renders it: exact, and BigInt/Json/timestamps compare as strings.
      const result = await client.query(`SELECT row_to_json(t)::text AS row FROM "${table}" t ORDER BY id`);
      rows[table] = result.rows.map((row: { row: string }) => JSON.parse(row.row) as Record<string, unknown>);
    }
    return rows;
  } finally {
    await client.end();
  }
}

/**
 * What differs between two snapshots, as readable lines. `ownKeys` says which rows were the
 * suite's own valid writes: audit rows whose entityKey contains one of them are expected.
 */
export function diffCatalog(before: CatalogRows, after: CatalogRows, ownKeys: string[]): string[] {
  const differences: string[] = [];
  for (const table of CATALOG_TABLES) {
    // Reads of classified topics' messages are audited: those rows record reads, not catalog changes.
    const isRead = (row: Record<string, unknown>) => table === "AuditEntry" && String(row.action).startsWith("messages.");
    const expectedAfter = after[table].filter(
      (row) => !isRead(row) && !(table === "AuditEntry" && ownKeys.some((key) => String(row.entityKey).includes(key))),
    );
    const beforeById = new Map(before[table].filter((row) => !isRead(row)).map((row) => [String(row.id), JSON.stringify(row)]));
    const afterById = new Map(expectedAfter.map((row) => [String(row.id), JSON.stringify(row)]));
    for (const [id, row] of afterById) {
      if (!beforeById.has(id)) differences.push(`${table}: added ${row.slice(0, 300)}`);
      else if (beforeById.get(id) !== row) differences.push(`${table}: changed ${beforeById.get(id)!.slice(0, 200)} → ${row.slice(0, 300)}`);
    }
    for (const [id, row] of beforeById) if (!afterById.has(id)) differences.push(`${table}: removed ${row.slice(0, 300)}`);
  }
  return differences;
}
