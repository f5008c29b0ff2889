import type { z } from "zod";
import { badRequest, fromZodError } from "@/lib/api/errors";

/**
 * URLSearchParams → a plain object for a zod schema. Stricter than Object.fromEntries on purpose:
 * a name given twice (`limit=3&limit=4`) is a 400 rather than "the last one wins", and a value
 * holding U+FFFD is a 400 too: Next.js has already decoded the query by the time a handler runs and
 * replaces a malformed percent-escape (`%E0%A4%A`) with U+FFFD, so that character is the only trace
 * of it. Control characters (`%00`, `%1B`, `%7F`) are a 400 as well: no name or value the API
 * takes holds one. Empty values are dropped so the schema's defaults apply (`?search=` = no search).
 */
export function searchParamsToQuery(params: URLSearchParams): Record<string, string | undefined> {
  const query: Record<string, string | undefined> = {};
  const seen = new Set<string>();
  for (const [name, value] of params) {
    if (seen.has(name)) throw badRequest(`Query parameter "${name}" is given more than once`, { fieldErrors: { [name]: ["given more than once"] } });
    seen.add(name);
    if (name.includes("\uFFFD") || value.includes("\uFFFD")) {
      throw badRequest(`Query parameter "${name}" has a malformed percent-escape`, { fieldErrors: { [name]: ["malformed percent-escape"] } });
    }
    if (CONTROL_CHARACTER.test(name) || CONTROL_CHARACTER.test(value)) {
      throw badRequest(`Query parameter "${printable(name)}" holds a control character`, { fieldErrors: { [printable(name)]: ["control characters are not allowed"] } });
    }
    // Empty = absent, so defaults apply; the name stays, so a strict schema still refuses `?x`.
    query[name] = value === "" ? undefined : value;
  }
  return query;
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
const printable = (name: string) => name.replace(/[\u0000-\u001f\u007f]/g, "?");

/** Parses the query of a URL with a schema; any failure is a 400 naming the parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, params: URLSearchParams): z.output<S> {
  const result = schema.safeParse(searchParamsToQuery(params));
  if (!result.success) throw fromZodError(result.error, "query");
  return result.data;
}
