/**
 * Server action arguments arrive in React's reply encoding: a JSON array in which strings that
 * start with "$" are references (`$Q1` a Map in another form field, `$@5` a promise, `$T` a
 * temporary reference…). Next.js decodes them before any action runs and answers a malformed or
 * dangling one with a 500. Tributary's actions only take JSON-like values (objects, strings,
 * numbers, booleans, null), so anything else is refused up front as a bad request.
 */
const ALLOWED_SPECIAL = new Set(["$undefined", "$NaN", "$Infinity", "$-Infinity", "$-0"]);

function isPlainReplyString(value: string): boolean {
  if (!value.startsWith("$")) return true;
  // "$$…" is an escaped "$"; "$D<date>" and "$n<digits>" are a Date and a BigInt.
  return value.startsWith("$$") || ALLOWED_SPECIAL.has(value) || /^\$D.+/.test(value) || /^\$n-?\d+$/.test(value);
}

function isPlainReplyValue(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (typeof value === "string") return isPlainReplyString(value);
  if (value === null || typeof value !== "object") return true;
  const children = Array.isArray(value) ? value : Object.entries(value).flat();
  return children.every((child) => isPlainReplyValue(child, depth + 1));
}

/** True when `body` is an action's argument list that Next.js can decode without references. */
export function isPlainActionReply(body: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return false;
  }
  return Array.isArray(parsed) && isPlainReplyValue(parsed);
}

/**
 * The multipart form of the same reply (React uses it when an argument holds a file): only the
 * root field "0" can be decoded without references, and it must be plain.
 */
export function isPlainMultipartReply(fields: [string, FormDataEntryValue][]): boolean {
  return fields.length === 1 && fields[0]![0] === "0" && typeof fields[0]![1] === "string" && isPlainActionReply(fields[0]![1]);
}
