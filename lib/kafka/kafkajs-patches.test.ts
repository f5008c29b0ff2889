import { createRequire } from "node:module";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CHECK_PENDING_REQUESTS_INTERVAL_MS, nextPendingCheckDelay, patchKafkajs } from "@/lib/kafka/kafkajs-patches";

const require = createRequire(import.meta.url);

type Queue = {
  pending: unknown[];
  inflight: Map<number, unknown>;
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  maybeThrottle(ms: number): void;
  push(request: { entry: { correlationId: number; resolve(value: unknown): void; reject(error: unknown): void }; expectResponse: boolean; sendRequest: () => void }): void;
  fulfillRequest(response: { correlationId: number; payload: Buffer | null; size: number }): void;
  destroy(): void;
};

/** kafkajs's own RequestQueue (the class its connections use), after the patch. */
function createQueue(): Queue {
  patchKafkajs();
  const RequestQueue = require("kafkajs/src/network/requestQueue");
  const logger = { debug() {}, info() {}, warn() {}, error() {} };
  return new RequestQueue({ maxInFlightRequests: null, requestTimeout: 30_000, enforceRequestTimeout: false, clientId: "t", broker: "b", logger });
}

describe("nextPendingCheckDelay", () => {
  const now = 1_000_000;
  it("never checks an idle queue that is not throttled (kafkajs re-checked it every 1 ms)", () => {
    expect(nextPendingCheckDelay({ pending: [], throttledUntil: -1 }, now)).toBeNull();
    expect(nextPendingCheckDelay({ pending: [], throttledUntil: now }, now)).toBeNull();
  });
  it("checks waiting requests when the throttle ends, or at the poll interval", () => {
    expect(nextPendingCheckDelay({ pending: [1], throttledUntil: now + 250 }, now)).toBe(250);
    expect(nextPendingCheckDelay({ pending: [1], throttledUntil: -1 }, now)).toBe(CHECK_PENDING_REQUESTS_INTERVAL_MS);
    expect(nextPendingCheckDelay({ pending: [1], throttledUntil: now }, now)).toBe(CHECK_PENDING_REQUESTS_INTERVAL_MS);
  });
  it("keeps kafkajs's check at the end of a throttle with nothing waiting", () => {
    expect(nextPendingCheckDelay({ pending: [], throttledUntil: now + 40 }, now)).toBe(40);
  });
});

describe("kafkajs RequestQueue, patched", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sets no timer once a response leaves the queue empty", () => {
    const queue = createQueue();
    const sent: number[] = [];
    const resolved: unknown[] = [];
    const entry = { correlationId: 1, resolve: (value: unknown) => resolved.push(value), reject: () => {} };
    queue.push({ entry, expectResponse: true, sendRequest: () => sent.push(1) });
    expect(sent).toEqual([1]);
    queue.fulfillRequest({ correlationId: 1, payload: null, size: 0 });
    expect(resolved).toHaveLength(1);
    expect(queue.inflight.size).toBe(0);
    expect(queue.throttleCheckTimeoutId).toBeNull();
    queue.destroy();
  });

  it("still sends a request held back by a broker throttle when the throttle ends", () => {
    vi.useFakeTimers();
    const queue = createQueue();
    const sent: number[] = [];
    queue.maybeThrottle(500);
    queue.push({ entry: { correlationId: 7, resolve: () => {}, reject: () => {} }, expectResponse: true, sendRequest: () => sent.push(7) });
    expect(sent).toEqual([]);
    expect(queue.pending).toHaveLength(1);
    vi.advanceTimersByTime(499);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(2);
    expect(sent).toEqual([7]);
    expect(queue.pending).toHaveLength(0);
    queue.destroy();
  });
});
