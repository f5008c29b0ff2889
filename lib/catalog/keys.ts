// Record keys that arrive outside a body (a URL's slug, cluster or topic) are checked like any
// other text before a query uses them: PostgreSQL refuses NUL in text with an error, not a miss.
import { describeForbiddenCharacter } from "@/lib/validation/text";
import { malformed, type WriteFailure } from "@/lib/catalog/results";

/** Malformed when a key part holds control characters; null when the keys can be looked up. */
export function checkKeys(keys: Record<string, string>): WriteFailure<never> | null {
  for (const [field, value] of Object.entries(keys)) {
    const problem = describeForbiddenCharacter(value, "single-line");
    if (problem) return malformed({ [field]: [`${field[0]!.toUpperCase()}${field.slice(1)} ${problem}`] });
  }
  return null;
}

/** For reads: true when `value` could be a stored key at all (a NUL never is). */
export function isLookupKey(value: string): boolean {
  return describeForbiddenCharacter(value, "single-line") === null;
}
