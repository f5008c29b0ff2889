import type { ApiErrorBody } from "@/lib/validation/api/errors";

/**
 * Longest request target (path + query) the API reads. Node refuses a request line plus headers
 * over 16 KiB itself (431, see server-limits); below that, an over-long URL is answered 414 here.
 */
export const MAX_API_URL_LENGTH = 8 * 1024;

export type RawUrlProblem = { status: 400 | 414; body: ApiErrorBody };

/**
 * Checks an /api request target before Next.js routes it. Next decodes each path segment once
 * for `context.params` and answers a malformed escape (`%E0%A4%A`, a lone `%`) with a bodiless
 * 500 before any handler runs, so that case is caught here and answered 400 with the JSON body.
 */
export function checkRawApiUrl(pathname: string, search: string): RawUrlProblem | null {
  if (pathname.length + search.length > MAX_API_URL_LENGTH) {
    return problem(414, "uri_too_long", `The URL is longer than ${MAX_API_URL_LENGTH} characters`);
  }
  for (const segment of pathname.split("/")) {
    if (decodeSegment(segment) === null) {
      return problem(400, "bad_request", `Malformed percent-escape in the path segment "${segment.slice(0, 80)}"`);
    }
  }
  return null;
}

/**
 * The same checks on a raw request target (`/api/x?y=z`) as Node received it, query included:
 * Next.js decodes the query before any of its code (proxy.ts included) can look at it, turning
 * `%zz` or a lone `%` into a literal percent sign, so only the raw target shows such an escape.
 */
export function checkRawApiTarget(target: string): RawUrlProblem | null {
  const queryStart = target.indexOf("?");
  const pathname = queryStart < 0 ? target : target.slice(0, queryStart);
  const search = queryStart < 0 ? "" : target.slice(queryStart);
  const pathProblem = checkRawApiUrl(pathname, search);
  if (pathProblem) return pathProblem;
  for (const pair of search.slice(1).split("&")) {
    const separator = pair.indexOf("=");
    const name = separator < 0 ? pair : pair.slice(0, separator);
    const value = separator < 0 ? "" : pair.slice(separator + 1);
    if (decodeSegment(name.replace(/\+/g, " ")) === null || decodeSegment(value.replace(/\+/g, " ")) === null) {
      return problem(400, "bad_request", `Malformed percent-escape in the query parameter "${name.slice(0, 80)}"`);
    }
  }
  return null;
}

/** True for /api and everything below it (not /apis or /api-docs). */
export function isApiTarget(target: string): boolean {
  return target === "/api" || target.startsWith("/api/") || target.startsWith("/api?");
}

/** One path segment decoded once, as Next.js does for params; null when its escapes are malformed. */
export function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function problem(status: 400 | 414, code: "bad_request" | "uri_too_long", message: string): RawUrlProblem {
  return { status, body: { error: { code, message } } };
}
