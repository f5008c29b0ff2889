import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";

/** Errors a route handler can throw on purpose; anything else becomes a 500 without internals. */
export class ApiError extends Error {
  constructor(
    readonly status: 404 | 409 | 422 | 503,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, `${what} not found`);
export const unavailable = (reason: string) => new ApiError(503, reason);

/** The one place where errors become HTTP responses. */
export function toErrorResponse(error: unknown): NextResponse {
  if (error instanceof z.ZodError) {
    return NextResponse.json(
      { error: "invalid request", fieldErrors: z.flattenError(error).fieldErrors, formErrors: z.flattenError(error).formErrors },
      { status: 422 },
    );
  }
  if (error instanceof ApiError) {
    return NextResponse.json({ error: error.message, details: error.details }, { status: error.status });
  }
  console.error("[api] unexpected error", error);
  return NextResponse.json({ error: "internal error" }, { status: 500 });
}

/** Wraps a handler so that every error goes through toErrorResponse. */
export function withErrors<Args extends unknown[]>(handler: (...args: Args) => Promise<Response>) {
  return async (...args: Args): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}
