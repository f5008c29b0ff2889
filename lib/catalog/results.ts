import type { FieldErrors } from "@/lib/validation/field-errors";
import type { CompatibilityIssue } from "@/lib/catalog/schema-compat";

/**
 * Outcome of a catalog write. Expected failures are values, not exceptions, so server actions and
 * route handlers can map them (422 invalid, 404 not-found, 409 conflict/refused) in one place.
 */
export type WriteResult<T> =
  | { ok: true; record: T }
  | { ok: false; reason: "invalid"; message: string; fieldErrors: FieldErrors; compatibilityIssues?: CompatibilityIssue[] }
  | { ok: false; reason: "not-found"; message: string }
  | { ok: false; reason: "conflict"; message: string; current: T }
  | { ok: false; reason: "refused"; message: string };

export type WriteFailure<T> = Exclude<WriteResult<T>, { ok: true }>;

export function invalid(fieldErrors: FieldErrors, message = "Some fields need attention"): WriteFailure<never> {
  return { ok: false, reason: "invalid", message, fieldErrors };
}

export function notFound(message: string): WriteFailure<never> {
  return { ok: false, reason: "not-found", message };
}

export function refused(message: string): WriteFailure<never> {
  return { ok: false, reason: "refused", message };
}

export function conflict<T>(what: string, current: T & { version: number }): WriteFailure<T> {
  return {
    ok: false,
    reason: "conflict",
    message: `${what} was changed by someone else while you were editing (now at version ${current.version}). Nothing was saved.`,
    current,
  };
}
