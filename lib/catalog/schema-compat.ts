// Compatibility of a changed JSON Schema with the one it replaces. Pure (no server-only): the
// contract form runs it as you type so a breaking change is flagged before saving, and the server
// runs it again before writing.
//
// The question asked is the Schema Registry one, "can a reader using schema R accept every message
// written with schema W?":
//   backward: new schema reads old messages (R = new, W = old) — consumers upgrade first;
//   forward:  old schema reads new messages (R = old, W = new) — producers upgrade first;
//   full:     both.
// Checked structurally (properties, required, type, enum, array items); $ref is not followed.

export type CompatibilityMode = "none" | "backward" | "forward" | "full";

export type CompatibilityIssue = {
  kind: "removed-property" | "added-property" | "newly-required" | "type-changed" | "enum-narrowed";
  /** Which guarantee it breaks. */
  direction: "backward" | "forward";
  /** JSON-pointer-like location: "/items/properties/sku". "" is the root. */
  path: string;
  message: string;
};

type Schema = Record<string, unknown>;

function asSchema(value: unknown): Schema | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Schema) : null;
}

/** The set of JSON types a schema admits; null when unconstrained. "integer" is a kind of "number". */
function typesOf(schema: Schema): Set<string> | null {
  const type = schema.type;
  if (typeof type === "string") return new Set([type]);
  if (Array.isArray(type)) return new Set(type.map(String));
  return null;
}

function readerAcceptsType(reader: Set<string> | null, writerType: string): boolean {
  if (reader === null) return true;
  return reader.has(writerType) || (writerType === "integer" && reader.has("number"));
}

function describeTypes(types: Set<string> | null): string {
  return types === null ? "any" : [...types].join(" | ");
}

function requiredOf(schema: Schema): Set<string> {
  return new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
}

function propertiesOf(schema: Schema): Record<string, unknown> {
  return asSchema(schema.properties) ?? {};
}

function compareReaderWriter(
  reader: Schema,
  writer: Schema,
  direction: "backward" | "forward",
  path: string,
  issues: CompatibilityIssue[],
) {
  const add = (kind: CompatibilityIssue["kind"], where: string, message: string) =>
    issues.push({ kind, direction, path: where, message });
  const readerTypes = typesOf(reader);
  const writerTypes = typesOf(writer);
  const lostTypes = writerTypes === null ? (readerTypes === null ? [] : ["any"]) : [...writerTypes].filter((type) => !readerAcceptsType(readerTypes, type));
  if (lostTypes.length > 0) {
    add("type-changed", path, `type changed from ${describeTypes(direction === "backward" ? writerTypes : readerTypes)} to ${describeTypes(direction === "backward" ? readerTypes : writerTypes)}`);
  }

  if (Array.isArray(reader.enum) && Array.isArray(writer.enum)) {
    const allowed = new Set(reader.enum.map((value) => JSON.stringify(value)));
    const lost = writer.enum.filter((value) => !allowed.has(JSON.stringify(value)));
    if (lost.length > 0) add("enum-narrowed", path, `enum no longer allows ${lost.map((value) => JSON.stringify(value)).join(", ")}`);
  }

  const readerProps = propertiesOf(reader);
  const writerProps = propertiesOf(writer);
  const readerRequired = requiredOf(reader);
  const writerRequired = requiredOf(writer);

  for (const name of Object.keys(writerProps)) {
    if (name in readerProps) continue;
    if (direction === "backward") {
      add("removed-property", `${path}/properties/${name}`, `property "${name}" was removed`);
    } else if (reader.additionalProperties === false) {
      add("added-property", `${path}/properties/${name}`, `property "${name}" was added but the old schema forbids additional properties`);
    }
  }
  for (const name of readerRequired) {
    if (writerRequired.has(name)) continue;
    const message =
      direction === "backward" ? `property "${name}" is newly required` : `property "${name}" is no longer required`;
    add("newly-required", `${path}/properties/${name}`, message);
  }
  for (const [name, writerProp] of Object.entries(writerProps)) {
    const readerChild = asSchema(readerProps[name]);
    const writerChild = asSchema(writerProp);
    if (readerChild && writerChild) compareReaderWriter(readerChild, writerChild, direction, `${path}/properties/${name}`, issues);
  }
  const readerItems = asSchema(reader.items);
  const writerItems = asSchema(writer.items);
  if (readerItems && writerItems) compareReaderWriter(readerItems, writerItems, direction, `${path}/items`, issues);
}

/**
 * What breaks when `previous` is replaced by `next` under `mode`. Empty means compatible (or
 * mode "none", or there was no previous schema to be compatible with).
 */
export function checkSchemaCompatibility(previous: unknown, next: unknown, mode: CompatibilityMode): CompatibilityIssue[] {
  const oldSchema = asSchema(previous);
  const newSchema = asSchema(next);
  if (mode === "none" || oldSchema === null) return [];
  // Dropping the schema altogether accepts everything: no reader rejects anything.
  if (newSchema === null) return [];
  const issues: CompatibilityIssue[] = [];
  if (mode === "backward" || mode === "full") compareReaderWriter(newSchema, oldSchema, "backward", "", issues);
  if (mode === "forward" || mode === "full") compareReaderWriter(oldSchema, newSchema, "forward", "", issues);
  return issues;
}

/** One line per issue, for forms, audit notes and the CLI. */
export function describeCompatibilityIssue(issue: CompatibilityIssue): string {
  return `${issue.direction}: ${issue.path || "/"} ${issue.message}`;
}
