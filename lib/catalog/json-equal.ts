// Structural equality for JSON values, ignoring object key order (PostgreSQL's jsonb does not keep
// it, so a schema read back from the database has its keys reordered). Pure; safe in the browser.

export function isJsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") {
    // undefined and null both mean "absent" in the catalog's records.
    return (a ?? null) === (b ?? null);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => isJsonEqual(item, b[index]));
  }
  const objectA = a as Record<string, unknown>;
  const objectB = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(objectA), ...Object.keys(objectB)]);
  for (const key of keys) {
    if (!isJsonEqual(objectA[key], objectB[key])) return false;
  }
  return true;
}

export type FieldChange = { field: string; before: unknown; after: unknown };

/** Top-level fields whose values differ, in the order of `fields`. */
export function listChangedFields<T extends Record<string, unknown>>(before: T, after: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  return fields
    .filter((field) => !isJsonEqual(before[field], after[field]))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}
