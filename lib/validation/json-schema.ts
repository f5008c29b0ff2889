// JSON Schema checks with Ajv, used in the browser (as you type) and on the server.
// A fresh Ajv per call: user schemas may carry $id values that would collide in a shared
// instance, and the cost (a few ms) is small next to a keystroke or a request.
import Ajv, { type ErrorObject } from "ajv";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { CLASSIFICATION_KEYWORD } from "@/lib/auth/masking";

const DRAFT_2020 = /json-schema\.org\/draft\/2020-12\/schema/;

/**
 * Ajv compiles every schema into a function with `new Function`, which the pages'
 * Content-Security-Policy forbids (no 'unsafe-eval' in production, see proxy.ts). In the browser
 * the JSON Schema checks below are therefore skipped; the server runs them on save and the form
 * shows their messages on the same fields. JSON syntax is still checked as you type.
 */
const IN_BROWSER = typeof window !== "undefined";

/** An Ajv for `schema`: draft-07, or 2020-12 when its $schema says so; formats on. */
export function createAjv(schema: unknown) {
  const options = {
    allErrors: true,
    // Unknown keywords are usually typos ("requried"); report them instead of ignoring them.
    strictSchema: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allowUnionTypes: true,
    validateFormats: true,
  } as const;
  const wants2020 =
    typeof schema === "object" && schema !== null && DRAFT_2020.test(String((schema as { $schema?: unknown }).$schema ?? ""));
  const ajv = wants2020 ? new Ajv2020(options) : new Ajv(options);
  addFormats(ajv);
  // The masking annotation (lib/auth/masking.ts): a known keyword, so strict mode accepts it.
  ajv.addKeyword({ keyword: CLASSIFICATION_KEYWORD, schemaType: "string" });
  return ajv;
}

function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => {
    const where = error.instancePath === "" ? "" : `${error.instancePath} `;
    const extra =
      error.keyword === "additionalProperties"
        ? ` ("${String((error.params as { additionalProperty?: string }).additionalProperty)}")`
        : error.keyword === "enum"
          ? `: ${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)}`
          : "";
    return `${where}${error.message ?? "is invalid"}${extra}`.trim();
  });
}

/**
 * Problems that make `schema` unusable as a JSON Schema (draft-07 by default, 2020-12 when its
 * $schema says so): not an object, fails the meta-schema, unknown keywords, unresolvable $ref.
 * Empty when the schema is usable.
 */
export function listJsonSchemaProblems(schema: unknown): string[] {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) {
    return ["must be a JSON object, e.g. {\"type\": \"object\"}"];
  }
  if (IN_BROWSER) return [];
  const ajv = createAjv(schema);
  const metaValid = ajv.validateSchema(schema);
  if (!metaValid) return describeErrors(ajv.errors).map((message) => `schema ${message}`);
  try {
    ajv.compile(schema);
  } catch (error) {
    return [(error as Error).message];
  }
  return [];
}

/** Why `value` does not match `schema`, one line per problem; empty when it matches. */
export function listJsonSchemaViolations(schema: unknown, value: unknown): string[] {
  if (typeof schema !== "object" || schema === null || IN_BROWSER) return [];
  let validate;
  try {
    validate = createAjv(schema).compile(schema);
  } catch {
    return []; // an unusable schema is reported by listJsonSchemaProblems, not here
  }
  return validate(value) ? [] : describeErrors(validate.errors);
}
