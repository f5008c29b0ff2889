// Writes to the running app's API as its own pages send them (same origin), for integration and
// browser tests alike (no test-runner import here).
import { stack } from "./live-stack";

/** A write to the running app's API, sent as the app's own pages send it (same origin). */
export async function apiWrite(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${stack.appUrl}${path}`, {
    method,
    headers: { "content-type": "application/json", origin: new URL(stack.appUrl).origin, "sec-fetch-site": "same-origin" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  return { status: response.status, body: await response.json() };
}

export async function mustWrite(expected: number, method: string, path: string, body?: unknown): Promise<any> {
  const answer = await apiWrite(method, path, body);
  if (answer.status !== expected) throw new Error(`${method} ${path}: expected ${expected}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

