// Field schemas shared by the route handlers (JSON), the YAML catalog file and, after
// ./catalog-forms has turned typed text into values, the forms. Types are never coerced: a number
// field takes a number, not "3" or [3]; a list takes an array. Every string has a maximum length
// (./limits) and is checked for control characters before anything else (./text).
import { z } from "zod";
import { LIMITS } from "@/lib/validation/limits";
import { MALFORMED_PARAMS, describeForbiddenCharacter, type TextKind } from "@/lib/validation/text";

// "*" not "+": an empty value gets only the "required" message.
const KAFKA_NAME_PATTERN = /^[a-zA-Z0-9._-]*$/;
export const KAFKA_NAME_MAX_LENGTH = LIMITS.kafkaName;

const typeError = (what: string, expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined || issue.input === null ? `${what} is required` : `${what} must be ${expected}`;

/** A string, refused as malformed when it holds control characters (checked before any trimming). */
export function plainText(what: string, kind: TextKind = "single-line") {
  return z.string({ error: typeError(what, "text") }).superRefine((value, ctx) => {
    const problem = describeForbiddenCharacter(value, kind);
    if (problem) ctx.addIssue({ code: "custom", message: `${what} ${problem}`, params: MALFORMED_PARAMS });
  });
}

/** Kafka's rule for topic names, reused for catalog slugs: legal characters, length, not "." or "..". */
export function kafkaName(what: string) {
  return plainText(what)
    .trim()
    .min(1, `${what} is required`)
    .max(KAFKA_NAME_MAX_LENGTH, `${what} must be at most ${KAFKA_NAME_MAX_LENGTH} characters`)
    .regex(KAFKA_NAME_PATTERN, `${what} may contain only letters, digits, '.', '_' and '-'`)
    .refine((value) => value !== "." && value !== "..", `${what} cannot be "." or ".."`);
}

/** Same shape as cluster names in lib/env.ts; the write paths also check it is a configured cluster. */
export const clusterName = plainText("Cluster")
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "Cluster name: lowercase letters, digits and '-'");

/** A cluster field that may be left out (or empty): the default cluster. */
export function clusterField(fallback: string) {
  return z.preprocess((value) => (value === undefined || value === null || value === "" ? fallback : value), clusterName);
}

export function requiredText(what: string, max: number) {
  return plainText(what)
    .trim()
    .min(1, `${what} is required`)
    .max(max, `${what} must be at most ${max} characters`);
}

/** Multi-line text that may be empty (missing or null is ""). */
export function descriptionText(what = "Description", max: number = LIMITS.description) {
  return z.preprocess(
    (value) => (value === null || value === undefined ? "" : value),
    plainText(what, "multi-line").trim().max(max, `${what} must be at most ${max} characters`),
  );
}

/** Treats "", whitespace, undefined and null alike as "not given" (null); anything else goes to `schema`. */
function blankToNull(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  // Whitespace with a control character in it is not blank: the field's check refuses it.
  if (typeof value === "string" && value.trim() === "" && describeForbiddenCharacter(value, "single-line") === null) return null;
  return value;
}

export function optionalField<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankToNull, schema.nullable());
}

/** Optional single-line text with a maximum length. */
export function optionalText(what: string, max: number) {
  return optionalField(plainText(what).trim().max(max, `${what} must be at most ${max} characters`));
}

export const optionalUrl = optionalField(
  plainText("URL")
    .trim()
    .max(LIMITS.url, `URLs must be at most ${LIMITS.url} characters`)
    .pipe(z.url({ protocol: /^https?$/, error: "Enter a full http(s) URL, e.g. https://example.com" })),
);
export const optionalEmail = optionalField(
  plainText("Email")
    .trim()
    .max(LIMITS.email, `Email must be at most ${LIMITS.email} characters`)
    .pipe(z.email({ error: "Enter an email address" })),
);

/** A whole number or null (missing is null). Strings are refused: forms convert their text first. */
export function optionalInteger(what: string, min: number, max: number) {
  return z
    .number({ error: (issue) => (issue.input === undefined ? undefined : `${what} must be a whole number`) })
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} must be at most ${max}`)
    .nullable()
    .default(null);
}

/** A list of strings (missing or null is empty); trimmed, blanks dropped, unique, in order. */
export function listField(item: z.ZodType<string, string>, what: string, maxItems: number) {
  return z
    .array(plainText(what), { error: `${what} must be a list of text` })
    .nullish()
    .transform((values) => [...new Set((values ?? []).map((value) => value.trim()).filter(Boolean))])
    .pipe(z.array(item).max(maxItems, `${what}: at most ${maxItems} entries`));
}

/**
 * A form's JSON text that did not parse. The form conversion (./catalog-forms) leaves it in place
 * of the value so the error shows under its field; it can never come from a JSON body or a file.
 */
export class UnparsedJsonText {
  constructor(readonly reason: string) {}
}

type JsonProblem = { message: string; malformed: boolean };

/** The first control character, too-deep nesting or non-JSON value in `value` (keys included). */
function findJsonProblem(value: unknown, what: string, depth = 0): JsonProblem | null {
  if (typeof value === "string") {
    const problem = describeForbiddenCharacter(value, "multi-line");
    return problem ? { message: `${what}: a text value ${problem}`, malformed: true } : null;
  }
  if (value === null || typeof value === "number" || typeof value === "boolean") return null;
  if (typeof value !== "object") return { message: `${what} must be JSON`, malformed: false };
  if (depth >= LIMITS.jsonDepth) return { message: `${what} is nested more than ${LIMITS.jsonDepth} levels deep`, malformed: false };
  const entries = Array.isArray(value) ? value.map((item) => ["", item] as const) : Object.entries(value);
  for (const [key, item] of entries) {
    const keyProblem = describeForbiddenCharacter(key, "multi-line");
    if (keyProblem) return { message: `${what}: a property name ${keyProblem}`, malformed: true };
    const problem = findJsonProblem(item, what, depth + 1);
    if (problem) return problem;
  }
  return null;
}

/**
 * A JSON document (schema or example) given as JSON: no control characters in any string or key
 * (malformed), at most `maxChars` as compact JSON text and `LIMITS.jsonDepth` levels deep (422).
 * Missing is null. No text is parsed here: a JSON Schema sent as a string is a string.
 */
export function jsonDocument(what: string, maxChars: number) {
  // .default(null) keeps the key optional in objects (a bare transform would make it required).
  return z.unknown().default(null).transform((value, ctx) => {
    if (value === undefined || value === null) return null;
    if (value instanceof UnparsedJsonText) {
      ctx.addIssue({ code: "custom", message: `${what} is not valid JSON: ${value.reason}` });
      return z.NEVER;
    }
    const problem = findJsonProblem(value, what);
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem.message, ...(problem.malformed ? { params: MALFORMED_PARAMS } : {}) });
      return z.NEVER;
    }
    if (JSON.stringify(value).length > maxChars) {
      ctx.addIssue({ code: "custom", message: `${what} must be at most ${Math.round(maxChars / 1024)} KiB as JSON text` });
      return z.NEVER;
    }
    return value;
  });
}

/** One of `values`; a control character is malformed like in any other text. */
export function choiceField<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return plainText(what).pipe(z.enum(values, { error: `${what} must be one of: ${values.join(", ")}` }));
}

/** One of `values`, or `fallback` when missing or empty. */
export function enumField<const T extends readonly [string, ...string[]]>(values: T, what: string, fallback: T[number]) {
  return z.preprocess((value) => (value === undefined || value === null || value === "" ? fallback : value), choiceField(values, what));
}
