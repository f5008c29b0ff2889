// Masking of sensitive record fields, by the topic contract's JSON Schema. Pure: no I/O, so the
// server applies it to every response that carries record values and unit tests pin it down.
// No "server-only": lib/validation/json-schema.ts (also in the browser) registers the keyword.

/** The JSON Schema annotation that marks a property as sensitive. */
export const CLASSIFICATION_KEYWORD = "x-classification";
/** Values of the annotation that mean "mask this for users without the sensitive-data permission". */
export const SENSITIVE_CLASSIFICATIONS: readonly string[] = ["sensitive", "pii"];
/** What a masked field's value becomes, whatever its type was. */
export const MASK_PLACEHOLDER = "••• masked";

export type JsonSchema = boolean | { [keyword: string]: unknown };
type SchemaObject = { [keyword: string]: unknown };

export type MaskResult = {
  value: unknown;
  /** JSON Pointers (RFC 6901) of the masked fields, in document order; "" when the whole value was. */
  masked: string[];
};

const isObject = (value: unknown): value is SchemaObject => typeof value === "object" && value !== null && !Array.isArray(value);

const isSensitive = (schema: SchemaObject) => {
  const classification = schema[CLASSIFICATION_KEYWORD];
  return typeof classification === "string" && SENSITIVE_CLASSIFICATIONS.includes(classification.toLowerCase());
};

/**
 * `value` with every field whose schema is annotated `"x-classification": "sensitive"` (or
 * `"pii"`) replaced by MASK_PLACEHOLDER. Follows `properties`, `patternProperties`,
 * `additionalProperties`, `items` (also the tuple form), `prefixItems`, `allOf`/`anyOf`/`oneOf`
 * (any branch that marks a field is obeyed: masking errs on the safe side) and local `$ref`s
 * ("#/$defs/…", "#/definitions/…", any JSON Pointer into the schema). The input is not modified.
 */
export function maskSensitive(value: unknown, schema: JsonSchema | null): MaskResult {
  if (schema === null || typeof schema === "boolean") return { value, masked: [] };
  const masked: string[] = [];
  const walk = (node: unknown, schemas: SchemaObject[], pointer: string): unknown => {
    const applicable = expand(schema, schemas);
    if (applicable.some(isSensitive)) {
      masked.push(pointer);
      return MASK_PLACEHOLDER;
    }
    if (applicable.length === 0) return node;
    if (Array.isArray(node)) return node.map((item, index) => walk(item, itemSchemas(applicable, index), `${pointer}/${index}`));
    if (isObject(node)) {
      const copy: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) {
        copy[key] = walk(child, propertySchemas(applicable, key), `${pointer}/${escapePointer(key)}`);
      }
      return copy;
    }
    return node;
  };
  const result = walk(value, [schema], "");
  return { value: result, masked };
}

/** Whether any subschema of `schema` carries the sensitive annotation (values that cannot be parsed must then be withheld). */
export function hasSensitiveFields(schema: JsonSchema | null): boolean {
  const seen = new Set<unknown>();
  const visit = (node: unknown): boolean => {
    if (typeof node !== "object" || node === null || seen.has(node)) return false;
    seen.add(node);
    if (isObject(node) && isSensitive(node)) return true;
    return Object.values(node).some(visit);
  };
  return visit(schema);
}

/**
 * The schemas that apply to one value: each one, plus what its `$ref` and `allOf`/`anyOf`/`oneOf`
 * lead to, transitively. A `$ref` cycle ends at the first repeat.
 */
function expand(root: SchemaObject, schemas: SchemaObject[]): SchemaObject[] {
  const result: SchemaObject[] = [];
  const pending = [...schemas];
  while (pending.length > 0) {
    const schema = pending.shift()!;
    if (result.includes(schema)) continue;
    result.push(schema);
    if (typeof schema.$ref === "string") {
      const target = resolveRef(root, schema.$ref);
      if (target) pending.push(target);
    }
    for (const keyword of ["allOf", "anyOf", "oneOf"]) {
      const branches = schema[keyword];
      if (Array.isArray(branches)) pending.push(...branches.filter(isObject));
    }
  }
  return result;
}

function resolveRef(root: SchemaObject, ref: string): SchemaObject | null {
  // Only references inside this schema: a remote one would need a fetch, so it masks nothing.
  if (!ref.startsWith("#")) return null;
  let node: unknown = root;
  const path = decodeURIComponent(ref.slice(1));
  if (path === "") return root;
  if (!path.startsWith("/")) return null;
  for (const token of path.slice(1).split("/")) {
    if (!isObject(node) && !Array.isArray(node)) return null;
    node = (node as Record<string, unknown>)[token.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return isObject(node) ? node : null;
}

function propertySchemas(schemas: SchemaObject[], key: string): SchemaObject[] {
  const result: SchemaObject[] = [];
  for (const schema of schemas) {
    let matched = false;
    const properties = schema.properties;
    if (isObject(properties) && Object.hasOwn(properties, key)) {
      matched = true;
      if (isObject(properties[key])) result.push(properties[key]);
    }
    const patterns = schema.patternProperties;
    if (isObject(patterns)) {
      for (const [pattern, subschema] of Object.entries(patterns)) {
        if (!matchesPattern(pattern, key)) continue;
        matched = true;
        if (isObject(subschema)) result.push(subschema);
      }
    }
    if (!matched && isObject(schema.additionalProperties)) result.push(schema.additionalProperties);
  }
  return result;
}

function itemSchemas(schemas: SchemaObject[], index: number): SchemaObject[] {
  const result: SchemaObject[] = [];
  for (const schema of schemas) {
    const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : Array.isArray(schema.items) ? schema.items : null;
    if (prefix && index < prefix.length) {
      if (isObject(prefix[index])) result.push(prefix[index]);
      continue;
    }
    // After a tuple: `items` (2020-12) or `additionalItems` (draft-07) applies to the rest.
    const rest = Array.isArray(schema.items) ? schema.additionalItems : schema.items;
    if (isObject(rest)) result.push(rest);
  }
  return result;
}

function matchesPattern(pattern: string, key: string): boolean {
  try {
    return new RegExp(pattern, "u").test(key);
  } catch {
    return false; // Ajv would have refused the contract; nothing to match
  }
}

const escapePointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");
