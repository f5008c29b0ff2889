import type { z } from "zod";

/** Messages per field, keyed by the dotted path of the value ("flows.0.topic"); "" is the form itself. */
export type FieldErrors = Record<string, string[]>;

/** What a server action hands back to `useActionState`. */
export type FormResult<TConflict = unknown> =
  | { ok: true; message?: string }
  | { ok: false; fieldErrors: FieldErrors; formError?: string; conflict?: TConflict };

export function toFieldErrors(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}

/** A path as a person reads it in a file: services[2].team, contracts[0].valueSchema. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => (typeof part === "number" ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`))
    .join("");
}
