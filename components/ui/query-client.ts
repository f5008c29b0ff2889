import { QueryClient } from "@tanstack/react-query";

/** The app's one QueryClient factory: data is a few seconds old at most and refetched by polling. */
export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 5_000, retry: 1, refetchOnWindowFocus: false },
    },
  });
}

/** GETs JSON; non-2xx answers become Errors carrying the server's readable message. */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (body && typeof body === "object" && "error" in body && String(body.error)) || `HTTP ${response.status}`;
    throw Object.assign(new Error(message), { status: response.status, body });
  }
  return body as T;
}
