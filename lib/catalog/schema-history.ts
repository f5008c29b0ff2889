// Schema version history: every change of a contract's value or key schema is kept with its
// author and time. No "server-only": the CLI import records history too.
import type { CatalogDb } from "@/lib/catalog/records";
import { toJsonColumn } from "@/lib/catalog/records";

/** Appends the next entry of the contract's schema history (1, 2, 3…). */
export async function recordSchemaVersionIn(
  db: CatalogDb,
  contractId: string,
  schemas: { valueSchema: unknown; keySchema: unknown },
  author: string,
): Promise<void> {
  const latest = await db.schemaVersion.findFirst({ where: { contractId }, orderBy: { number: "desc" }, select: { number: true } });
  await db.schemaVersion.create({
    data: {
      contractId,
      number: (latest?.number ?? 0) + 1,
      valueSchema: toJsonColumn(schemas.valueSchema),
      keySchema: toJsonColumn(schemas.keySchema),
      author,
    },
  });
}
