// Where two JSON values differ, as JSON Pointer paths: a schema change reads as
// "/properties/total/type: number → string" instead of two whole documents side by side.
// Pure; safe in the browser. Object key order is ignored (jsonb reorders keys).
import { isJsonEqual } from "@/lib/catalog/json-equal";

export type JsonPathChange = { path: string; before: unknown; after: unknown };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const escapeToken = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * The smallest differing sub-values of `before` and `after` (undefined = absent on that side).
 * Arrays of different length are reported whole: element-by-element paths would misreport an
 * insertion as a change of every later element.
 */
export function diffJsonPaths(before: unknown, after: unknown, path = ""): JsonPathChange[] {
  if (isJsonEqual(before, after)) return [];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffJsonPaths(before[key], after[key], `${path}/${escapeToken(key)}`));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, index) => diffJsonPaths(item, after[index], `${path}/${index}`));
  }
  return [{ path: path || "/", before, after }];
}

/** A JSON value as one short line for a diff cell; long values are cut with an ellipsis. */
export function formatJsonShort(value: unknown, maxLength = 80): string {
  if (value === undefined) return "(absent)";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
