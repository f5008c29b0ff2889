// A JSON Schema as rows a person can scan (field, type, required, rules) instead of a JSON dump.
// Covers what contracts use: nested object properties and array items; anything else (combinators,
// $ref) shows as its keyword, and the raw schema stays one click away. Pure; safe in the browser.

export type SchemaFieldRow = { path: string; type: string; required: boolean; rules: string[]; description: string | null };

type SchemaNode = Record<string, unknown>;
const isNode = (value: unknown): value is SchemaNode => typeof value === "object" && value !== null && !Array.isArray(value);

function typeOf(node: SchemaNode): string {
  if (Array.isArray(node.type)) return node.type.join(" | ");
  if (typeof node.type === "string") return node.type === "array" && isNode(node.items) ? `array of ${typeOf(node.items)}` : node.type;
  if ("const" in node) return "const";
  if (Array.isArray(node.enum)) return "enum";
  for (const keyword of ["oneOf", "anyOf", "allOf", "$ref"]) if (keyword in node) return keyword;
  return "any";
}

const count = (value: unknown, noun: string) => `${String(value)} ${noun}${value === 1 ? "" : "s"}`;

const RULE_KEYWORDS: [string, (value: unknown) => string][] = [
  ["format", (value) => `format ${String(value)}`],
  ["pattern", (value) => `pattern ${String(value)}`],
  ["enum", (value) => `one of ${(value as unknown[]).map((item) => JSON.stringify(item)).join(", ")}`],
  ["const", (value) => `always ${JSON.stringify(value)}`],
  ["minimum", (value) => `≥ ${String(value)}`],
  ["exclusiveMinimum", (value) => `> ${String(value)}`],
  ["maximum", (value) => `≤ ${String(value)}`],
  ["exclusiveMaximum", (value) => `< ${String(value)}`],
  ["minLength", (value) => `at least ${count(value, "character")}`],
  ["maxLength", (value) => `at most ${count(value, "character")}`],
  ["minItems", (value) => `at least ${count(value, "item")}`],
  ["maxItems", (value) => `at most ${count(value, "item")}`],
];

function rulesOf(node: SchemaNode): string[] {
  const rules = RULE_KEYWORDS.filter(([keyword]) => keyword in node).map(([keyword, describe]) => describe(node[keyword]));
  if (node.additionalProperties === false) rules.push("no other fields");
  return rules;
}

/** Rows for every property, depth first; nested paths as `items[].sku`. Empty for a non-object schema. */
export function listSchemaFields(schema: unknown, prefix = ""): SchemaFieldRow[] {
  if (!isNode(schema)) return [];
  const target = schema.type === "array" && isNode(schema.items) ? schema.items : schema;
  if (!isNode(target.properties)) return [];
  const required = new Set(Array.isArray(target.required) ? target.required.map(String) : []);
  const childPrefix = schema === target ? prefix : `${prefix}[]`;
  return Object.entries(target.properties).flatMap(([name, node]) => {
    const path = childPrefix ? `${childPrefix}.${name}` : name;
    if (!isNode(node)) return [{ path, type: "any", required: required.has(name), rules: [], description: null }];
    const row = { path, type: typeOf(node), required: required.has(name), rules: rulesOf(node), description: typeof node.description === "string" ? node.description : null };
    return [row, ...listSchemaFields(node, path)];
  });
}
