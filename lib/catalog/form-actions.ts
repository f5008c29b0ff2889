import "server-only";
import { getRequestActor } from "@/lib/catalog/actor";
import { describeCatalogError } from "@/lib/catalog/availability";
import type { WriteResult } from "@/lib/catalog/results";
import type { FormResult } from "@/lib/validation/field-errors";

/** What a catalog form receives when a save did not happen; `conflict` carries the current record. */
export type CatalogFormResult<T> = FormResult<T>;

/**
 * Runs a catalog write for a server action with the request's actor. Failures (including a
 * database that is down) become a form result; success returns the record so the action can
 * redirect — outside any try/catch, since redirect works by throwing.
 */
export async function runCatalogWrite<T>(
  write: (actor: string) => Promise<WriteResult<T>>,
): Promise<{ ok: true; record: T } | { ok: false; result: CatalogFormResult<T> }> {
  let outcome: WriteResult<T>;
  try {
    outcome = await write(await getRequestActor());
  } catch (error) {
    console.error("[catalog] save failed:", error);
    return { ok: false, result: { ok: false, fieldErrors: {}, formError: describeCatalogError(error) } };
  }
  if (outcome.ok) return { ok: true, record: outcome.record };
  switch (outcome.reason) {
    case "malformed":
    case "invalid":
      return { ok: false, result: { ok: false, fieldErrors: outcome.fieldErrors, formError: outcome.fieldErrors[""]?.join(" ") } };
    case "conflict":
      return { ok: false, result: { ok: false, fieldErrors: {}, formError: outcome.message, conflict: outcome.current } };
    case "not-found":
    case "refused":
      return { ok: false, result: { ok: false, fieldErrors: {}, formError: outcome.message } };
  }
}
