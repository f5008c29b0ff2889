import "server-only";
import { NextResponse } from "next/server";
import { ApiError, withErrors } from "@/lib/api/errors";
import { describeCatalogError } from "@/lib/catalog/availability";
import type { WriteResult } from "@/lib/catalog/results";

/**
 * A catalog write's outcome as HTTP: 200/201 with the record, 422 with field errors, 404,
 * 409 with the current record (conflict) or the reason (delete refused).
 */
export function respondWithWrite<T>(result: WriteResult<T>, successStatus = 200): NextResponse {
  if (result.ok) return NextResponse.json({ record: result.record }, { status: successStatus });
  switch (result.reason) {
    case "invalid":
      throw new ApiError(422, result.message, { fieldErrors: result.fieldErrors, compatibilityIssues: result.compatibilityIssues });
    case "not-found":
      throw new ApiError(404, result.message);
    case "conflict":
      throw new ApiError(409, result.message, { current: result.current });
    case "refused":
      throw new ApiError(409, result.message, { refused: true });
  }
}

function isDatabaseError(error: unknown): boolean {
  const name = (error as { name?: string })?.name ?? "";
  const code = String((error as { code?: unknown })?.code ?? "");
  return name.startsWith("PrismaClient") || /^P\d{4}$/.test(code) || /^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|57P01|3D000|42P01)$/.test(code);
}

/** withErrors, plus: a database that cannot be reached becomes 503 with a readable reason. */
export function catalogRoute<Args extends unknown[]>(handler: (...args: Args) => Promise<Response>) {
  return withErrors(async (...args: Args) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof ApiError || !isDatabaseError(error)) throw error;
      console.error("[catalog] database error:", error);
      throw new ApiError(503, describeCatalogError(error));
    }
  });
}

/** Reads a JSON request body; a body that is not JSON is a 422 like any other invalid input. */
export async function readJsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new ApiError(422, "The request body must be JSON", { fieldErrors: { "": ["The request body must be JSON"] } });
  }
}
