import { QueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { apiErrorBodySchema } from "@/lib/validation/api/errors";

/** The app's one QueryClient factory: data is a few seconds old at most and refetched by polling. */
export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 5_000, retry: 1, refetchOnWindowFocus: false },
    },
  });
}

/** A failed API call: the server's readable message, its error code and the HTTP status. */
export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
    readonly body: unknown,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

/**
 * GETs JSON and parses it with the route's response schema (lib/validation/api), so the browser's
 * types are the server's. Non-2xx answers become ApiRequestErrors carrying `error.message`, unless
 * `acceptStatus` lists the status (health answers 503 with a full body).
 */
export async function fetchJson<S extends z.ZodType>(
  url: string,
  schema: S,
  options: { init?: RequestInit; acceptStatus?: number[] } = {},
): Promise<z.output<S>> {
  const response = await fetch(url, options.init);
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok && !options.acceptStatus?.includes(response.status)) {
    const error = apiErrorBodySchema.safeParse(body);
    const message = error.success ? error.data.error.message : `HTTP ${response.status}`;
    throw new ApiRequestError(message, response.status, error.success ? error.data.error.code : null, body);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    console.error(`[api] unexpected response from ${url}`, parsed.error.issues.slice(0, 5));
    throw new ApiRequestError("The server's answer has an unexpected shape; reload the page after an upgrade.", response.status, null, body);
  }
  return parsed.data;
}
