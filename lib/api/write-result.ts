import "server-only";
import type { WriteResult } from "@/lib/catalog/results";
import { ApiError, conflict, unprocessable } from "@/lib/api/errors";

/**
 * A catalog write's outcome: the record, or the matching ApiError thrown — malformed → 400 with
 * field errors, invalid → 422 with field errors (and compatibility issues), not-found → 404,
 * conflict → 409 with the current record, refused → 409. Shared by route handlers and actions.
 */
export function requireWritten<T>(result: WriteResult<T>): T {
  if (result.ok) return result.record;
  switch (result.reason) {
    case "malformed":
      return fail(new ApiError("bad_request", result.message, { fieldErrors: result.fieldErrors }));
    case "invalid":
      return fail(unprocessable(result.message, result.fieldErrors, result.compatibilityIssues ? { compatibilityIssues: result.compatibilityIssues } : undefined));
    case "not-found":
      return fail(new ApiError("not_found", result.message));
    case "conflict":
      return fail(conflict(result.message, { current: result.current }));
    case "refused":
      return fail(conflict(result.message, { refused: true }));
  }
}

function fail(error: ApiError): never {
  throw error;
}
