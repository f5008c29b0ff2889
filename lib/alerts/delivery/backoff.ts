// Retry schedule of a failed notification, pure: 1 s, 2 s, 4 s … capped at 5 minutes, and given up
// after MAX_DELIVERY_ATTEMPTS (about 12 minutes after the first try).
export const MAX_DELIVERY_ATTEMPTS = 8;
const BASE_MS = 1_000;
const CAP_MS = 5 * 60_000;

/** Delay before the next try after `attempts` failed tries, or null when the notification has failed for good. */
export function nextRetryDelayMs(attempts: number): number | null {
  if (attempts >= MAX_DELIVERY_ATTEMPTS) return null;
  return Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempts - 1));
}
