// Field schemas shared by the catalog's forms (string inputs), route handlers (JSON) and the YAML
// catalog file. Each accepts what a form sends (strings, "" for empty) as well as typed JSON values,
// so one entity schema serves every entry point.
import { z } from "zod";

// "*" not "+": an empty value gets only the "required" message.
const KAFKA_NAME_PATTERN = /^[a-zA-Z0-9._-]*$/;
export const KAFKA_NAME_MAX_LENGTH = 249;

/** Kafka's rule for topic names, reused for catalog slugs: legal characters, length, not "." or "..". */
export function kafkaName(what: string) {
  return z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(KAFKA_NAME_MAX_LENGTH, `${what} must be at most ${KAFKA_NAME_MAX_LENGTH} characters`)
    .regex(KAFKA_NAME_PATTERN, `${what} may contain only letters, digits, '.', '_' and '-'`)
    .refine((value) => value !== "." && value !== "..", `${what} cannot be "." or ".."`);
}

/** Same shape as cluster names in lib/env.ts: the configured clusters are the only valid values. */
export const clusterName = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "Cluster name: lowercase letters, digits and '-'");

export function requiredText(what: string, max: number) {
  return z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(max, `${what} must be at most ${max} characters`);
}

export function descriptionText(max = 2000) {
  return z.preprocess(
    (value) => (value === null || value === undefined ? "" : value),
    z.string().trim().max(max, `At most ${max} characters`),
  );
}

/** Treats "", whitespace, undefined and null alike as "not given" (null). */
function blankToNull(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value.trim() === "" ? null : value.trim();
  return value;
}

export function optionalField<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankToNull, schema.nullable());
}

export const optionalUrl = optionalField(
  z.url({ protocol: /^https?$/, error: "Enter a full http(s) URL, e.g. https://example.com" }),
);
export const optionalEmail = optionalField(z.email({ error: "Enter an email address" }));

export function optionalInteger(what: string, min: number, max: number) {
  return optionalField(
    z.coerce
      .number({ error: `${what} must be a number` })
      .int(`${what} must be a whole number`)
      .min(min, `${what} must be at least ${min}`)
      .max(max, `${what} must be at most ${max}`),
  );
}

/** A list typed as text ("a, b" or one per line) or sent as an array; trimmed, unique, in order. */
export function listField(item: z.ZodType<string, string>, what: string) {
  return z
    .preprocess((value) => {
      if (value === undefined || value === null) return [];
      if (typeof value === "string") return value.split(/[,\n]/);
      return value;
    }, z.array(z.string()))
    .transform((values) => [...new Set(values.map((value) => value.trim()).filter(Boolean))])
    .pipe(z.array(item, { error: `${what}: each entry must be text` }));
}

/** JSON typed into a text area, or already-parsed JSON from an API body or YAML file. */
export function jsonValue(what: string) {
  // .default(null) keeps the key optional in objects (a bare transform would make it required).
  return z.unknown().default(null).transform((value, ctx) => {
    if (typeof value !== "string") return value ?? null;
    if (value.trim() === "") return null;
    try {
      return JSON.parse(value) as unknown;
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `${what} is not valid JSON: ${(error as Error).message}` });
      return z.NEVER;
    }
  });
}

export function enumField<const T extends readonly [string, ...string[]]>(values: T, what: string, fallback: T[number]) {
  return z.preprocess(
    (value) => (value === undefined || value === null || value === "" ? fallback : value),
    z.enum(values, { error: `${what} must be one of: ${values.join(", ")}` }),
  );
}
