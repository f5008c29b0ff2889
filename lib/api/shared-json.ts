import "server-only";
import type { z } from "zod";
import { checkedBody } from "@/lib/api/route";
import { jsonResponse } from "@/lib/api/json-response";

/**
 * JSON answers that many clients ask for alike, made once and sent as often as asked: the lists
 * every dashboard polls. Between two samples, fifty clients polling the topics list with the same
 * query get the same page (the freshness in it changes once a second), and each used to cost its
 * own list query, schema check, serialization and UTF-8 encoding; now a request costs what
 * Next.js's own route handling costs (BENCHMARKS.md, "shared list answers"). A default page is sent
 * uncompressed (lib/api/json-response.ts): Next.js would gzip it again for each request, and it drops
 * a route handler's own Content-Encoding (next/dist/server/send-response.js), so a gzipped answer
 * cannot be kept instead.
 *
 * Kept per `scope` (the snapshot the answer is read from: a new sample starts afresh, and the old
 * answers go with the old snapshot), at most MAX_ANSWERS per scope, the oldest dropped first, so
 * that clients asking for many different pages or searches cannot make it grow.
 */
const answers = new WeakMap<object, Map<string, Uint8Array<ArrayBuffer>>>();
export const MAX_ANSWERS = 64;

export function sharedJson(scope: object, key: string, schema: z.ZodType, build: () => unknown): Response {
  let kept = answers.get(scope);
  if (!kept) answers.set(scope, (kept = new Map()));
  let answer = kept.get(key);
  if (!answer) {
    answer = new TextEncoder().encode(JSON.stringify(checkedBody(build(), schema)));
    if (kept.size >= MAX_ANSWERS) kept.delete(kept.keys().next().value!);
    kept.set(key, answer);
  }
  // The body is copied into the response's stream, so the kept bytes are never handed out.
  return jsonResponse(answer);
}
