import { createRequire } from "node:module";

/*
 * kafkajs 2.2.4 (its last release) keeps every idle connection busy: when no request is waiting,
 * RequestQueue.scheduleCheckPendingRequests sets a timer for `throttledUntil - now`, which is
 * negative (throttledUntil is -1), so the check runs again after 1 ms, forever
 * (tulios/kafkajs#1556, #1704; the fixes in #1667 and #1768 were never released). With a few
 * connections per cluster that is thousands of timer wake-ups a second, and most of an idle
 * collector's CPU. The patch only drops that case: with nothing pending and no throttle in force
 * there is nothing to check, and a later push() or response schedules a check again itself.
 */
const require = createRequire(import.meta.url);

export const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

export type RequestQueueLike = {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
};

/** When the queue should look at its pending requests again: ms from now, or null for never. */
export function nextPendingCheckDelay(queue: Pick<RequestQueueLike, "pending" | "throttledUntil">, now: number): number | null {
  const untilUnthrottled = queue.throttledUntil - now;
  if (queue.pending.length > 0) return untilUnthrottled > 0 ? untilUnthrottled : CHECK_PENDING_REQUESTS_INTERVAL_MS;
  return untilUnthrottled > 0 ? untilUnthrottled : null;
}

function scheduleCheckPendingRequests(this: RequestQueueLike): void {
  if (this.throttleCheckTimeoutId) return;
  const delay = nextPendingCheckDelay(this, Date.now());
  if (delay === null) return;
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, delay);
}

const PATCHED = Symbol.for("tributary.kafkajs.requestQueuePatched");

/** Applies the patch to the kafkajs this process loads; safe to call more than once. */
export function patchKafkajs(): void {
  const RequestQueue = require("kafkajs/src/network/requestQueue") as { prototype: Record<PropertyKey, unknown> };
  if (RequestQueue.prototype[PATCHED]) return;
  RequestQueue.prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
  RequestQueue.prototype[PATCHED] = true;
}

patchKafkajs();
