import type { z } from "zod";
import { toFieldErrors, type FieldErrors } from "@/lib/validation/field-errors";
import { isMalformedIssue } from "@/lib/validation/text";
import type { CompatibilityIssue } from "@/lib/catalog/schema-compat";

/**
 * Outcome of a catalog write. Expected failures are values, not exceptions, so server actions and
 * route handlers can map them in one place: malformed 400 (control characters and other input no
 * field could hold), invalid 422, not-found 404, conflict/refused 409.
 */
export type WriteResult<T> =
  | { ok: true; record: T }
  | { ok: false; reason: "malformed"; message: string; fieldErrors: FieldErrors }
  | { ok: false; reason: "invalid"; message: string; fieldErrors: FieldErrors; compatibilityIssues?: CompatibilityIssue[] }
  | { ok: false; reason: "not-found"; message: string }
  | { ok: false; reason: "conflict"; message: string; current: T }
  | { ok: false; reason: "refused"; message: string };

export type WriteFailure<T> = Exclude<WriteResult<T>, { ok: true }>;

/** `fieldErrors` name the fields; the message repeats the first one, so a 400 body says which field. */
export function malformed(fieldErrors: FieldErrors): WriteFailure<never> {
  const first = Object.values(fieldErrors).flat()[0] ?? "The input holds characters that cannot be stored";
  return { ok: false, reason: "malformed", message: first, fieldErrors };
}

export function invalid(fieldErrors: FieldErrors, message = "Some fields need attention"): WriteFailure<never> {
  return { ok: false, reason: "invalid", message, fieldErrors };
}

/** A failed parse as a write failure: malformed when any issue is (only those are reported), else invalid. */
export function fromZodFailure(error: z.ZodError): WriteFailure<never> {
  const malformedIssues = error.issues.filter(isMalformedIssue);
  if (malformedIssues.length > 0) return malformed(toFieldErrors({ issues: malformedIssues } as z.ZodError));
  return invalid(toFieldErrors(error));
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
