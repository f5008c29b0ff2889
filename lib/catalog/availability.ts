import "server-only";

export type Loaded<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * A reason a person can act on, without internals (no connection strings, no stack): pages show
 * it in an error state instead of crashing when the catalog database is down or unmigrated.
 */
export function describeCatalogError(error: unknown): string {
  const text = `${(error as { code?: unknown })?.code ?? ""} ${error instanceof Error ? error.message : String(error)}`;
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|connect|Connection terminated|P1001|P1017|timeout/i.test(text)) {
    return "The catalog database cannot be reached. Check DATABASE_URL and that PostgreSQL is running.";
  }
  if (/does not exist|P2021|P2022/i.test(text)) {
    return "The catalog tables are missing or out of date. Run `npm run db:migrate`.";
  }
  return "Reading the catalog failed. The server log has the details.";
}

/** Runs a catalog read; a failure becomes a readable reason (and a server log line). */
export async function loadCatalog<T>(load: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, value: await load() };
  } catch (error) {
    console.error("[catalog] read failed:", error);
    return { ok: false, reason: describeCatalogError(error) };
  }
}
