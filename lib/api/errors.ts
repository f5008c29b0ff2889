import "server-only";
import { z } from "zod";
import { describeCatalogError } from "@/lib/catalog/availability";
import { toFieldErrors, type FieldErrors } from "@/lib/validation/field-errors";
import { API_ERROR_STATUS, type ApiErrorBody, type ApiErrorCode } from "@/lib/validation/api/errors";
import { jsonResponse } from "@/lib/api/json-response";

export { API_ERROR_STATUS, type ApiErrorBody, type ApiErrorCode };
export type ApiErrorDetails = Record<string, unknown>;

/** An error the seam turns into its status and JSON body; anything else becomes a 500 without internals. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: ApiErrorDetails,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = API_ERROR_STATUS[code];
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export const badRequest = (message: string, details?: ApiErrorDetails) => new ApiError("bad_request", message, details);
export const forbidden = (message: string) => new ApiError("forbidden", message);
export const notFound = (what: string) => new ApiError("not_found", `${what} not found`);
export const methodNotAllowed = (method: string, allowed: readonly string[]) =>
  new ApiError("method_not_allowed", `${method} is not allowed here; use ${allowed.join(", ")}`, { allowed: [...allowed] });
export const conflict = (message: string, details?: ApiErrorDetails) => new ApiError("conflict", message, details);
export const payloadTooLarge = (maxBytes: number) =>
  new ApiError("payload_too_large", `The request body is larger than ${formatBytes(maxBytes)}`, { maxBytes });
export const unsupportedMediaType = (expected: string) =>
  new ApiError("unsupported_media_type", `The request body must be sent as ${expected}`, { expected });
export const unprocessable = (message: string, fieldErrors: FieldErrors, details?: ApiErrorDetails) =>
  new ApiError("unprocessable", message, { ...details, fieldErrors });
export const unavailable = (reason: string) => new ApiError("unavailable", reason);
export const internal = () => new ApiError("internal", "Internal server error. The server log has the details.");

/** Where a value came from decides the status of a zod failure: the URL is malformed (400), a body's values are invalid (422). */
export type InputSource = "params" | "query" | "body";

export function fromZodError(error: z.ZodError, source: InputSource): ApiError {
  const fieldErrors = toFieldErrors(error);
  if (source === "body") return unprocessable(summarize(fieldErrors, "Some fields need attention"), fieldErrors);
  return badRequest(summarize(fieldErrors, source === "params" ? "Malformed path parameter" : "Malformed query parameter"), { fieldErrors });
}

function summarize(fieldErrors: FieldErrors, fallback: string): string {
  const [field, messages] = Object.entries(fieldErrors)[0] ?? [];
  const first = messages?.[0];
  if (first === undefined) return fallback;
  return field ? `${field}: ${first}` : first;
}

/**
 * Prisma, pg and PGlite failures that mean "the database is not there or not migrated", as opposed
 * to a bug or a query the database refused (those stay 500s): initialization failures, Prisma's
 * connection (P1xxx) and missing-table (P2021/P2022) codes, and the network and server codes.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const name = (error as { name?: string })?.name ?? "";
  const code = String((error as { code?: unknown })?.code ?? "");
  // Driver adapters wrap a refused connection in an ordinary request error: its text tells.
  const named = /^PrismaClient|DriverAdapterError/.test(name) && describeCatalogError(error) !== describeCatalogError(null);
  return (
    named ||
    name === "PrismaClientInitializationError" ||
    /^P1\d{3}$|^P202[12]$/.test(code) ||
    /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|57P01|57P03|3D000|42P01|08\d{3})$/.test(code)
  );
}

/**
 * The one mapping from a thrown value to an ApiError: ApiErrors as they are, an unreachable
 * database → 503 with a readable reason, anything else → 500 (logged with its stack, never sent).
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof z.ZodError) return fromZodError(error, "body");
  if (isDatabaseUnavailable(error)) {
    console.error("[api] database error:", error);
    return unavailable(describeCatalogError(error));
  }
  console.error("[api] unexpected error:", error);
  return internal();
}

/** The error as an HTTP response with the agreed JSON body. */
export function toErrorResponse(error: unknown, headers?: Record<string, string>): Response {
  const apiError = toApiError(error);
  return jsonResponse(JSON.stringify(apiError.toBody()), { status: apiError.status, headers });
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
