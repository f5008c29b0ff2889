import "server-only";
import { getDb, getDbBackend } from "@/lib/db";

export type DatabaseHealth = { ok: true; backend: string } | { ok: false; backend: string; reason: string };

/** One trivial query; the reason names the backend but never the connection string. */
export async function checkDatabase(): Promise<DatabaseHealth> {
  const backend = getDbBackend();
  try {
    await getDb().$queryRawUnsafe("SELECT 1");
    return { ok: true, backend };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { ok: false, backend, reason: `database (${backend}) is not answering: ${redactUrls(message ?? "")}` };
  }
}

function redactUrls(text: string): string {
  return text.replace(/postgres(ql)?:\/\/[^\s"']+/gi, "postgresql://…");
}
