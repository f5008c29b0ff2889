import type { GroupStatus } from "@/lib/collector/types";

/** One sample of a group's position on one partition (or summed over a topic). */
export type LagObservation = { time: number; committedOffset: number | null; lag: number };

export type StatusVerdict = { status: GroupStatus; reason: string };

/**
 * A window of observations, oldest first, read by index: the collector's windows live in typed
 * arrays (lag-windows.ts), not as one object per observation.
 */
export interface LagWindowView {
  readonly length: number;
  timeAt(index: number): number;
  committedAt(index: number): number | null;
  lagAt(index: number): number;
}

export type WindowOptions = { windowSize: number; hasActiveMembers: boolean };

/** Worst first when groups take their worst partition's status. */
const SEVERITY: Record<GroupStatus, number> = {
  OK: 0,
  INCOMPLETE: 1,
  WARNING: 2,
  REWOUND: 3,
  STALLED: 4,
  STOPPED: 5,
};

/** The more severe of two statuses (the first on a tie). */
export const worseStatus = (a: GroupStatus, b: GroupStatus): GroupStatus => (SEVERITY[b] > SEVERITY[a] ? b : a);

export function worstStatus(statuses: Iterable<GroupStatus>): GroupStatus {
  let worst: GroupStatus = "OK";
  for (const status of statuses) if (SEVERITY[status] > SEVERITY[worst]) worst = status;
  return worst;
}

/** The same verdict objects for every status-only evaluation: nothing is allocated per partition. */
const WITHOUT_REASON = Object.fromEntries(
  (Object.keys(SEVERITY) as GroupStatus[]).map((status) => [status, Object.freeze({ status, reason: "" })]),
) as Record<GroupStatus, StatusVerdict>;

/**
 * Burrow-style evaluation over a sliding window of observations (oldest first). Unlike Burrow,
 * `lag` comes from sampled end offsets, so a consumer that stopped committing still shows growing
 * lag. Rules, first match wins:
 * 1. REWOUND: the committed offset went backwards between two observations in the window.
 * 2. OK: the lag was zero at some point in the window (Burrow's first rule: a consumer that was
 *    caught up moments ago is not in trouble because one sample caught it mid-batch).
 * 3. INCOMPLETE: fewer observations than the window size; nothing more can be said yet.
 * 4. STOPPED: the committed offset did not move across the whole window, lag > 0, and the group
 *    has no active members (no commit for longer than the window spans).
 * 5. STALLED: the same, but members are connected: the consumer is alive and stuck.
 * 6. WARNING: lag never fell between consecutive commits and grew over the window. As in Burrow,
 *    lag is compared where the committed offset moved: sampled more often than the consumer
 *    commits, lag rises between commits and drops at each one, and a sample-by-sample comparison
 *    would call a falling-behind consumer OK. With fewer than two commits in the window, or a
 *    commit between every two samples, every sample is compared.
 * 7. OK: lag fell at least once (the consumer is keeping up or catching up).
 */
export function evaluateLagWindow(window: LagObservation[], options: WindowOptions): StatusVerdict {
  return judgeLagWindow(observationView(window), options, true);
}

/** The status alone, without building its reason: what the collector asks for every partition. */
export function evaluateLagStatus(window: LagWindowView, options: WindowOptions): GroupStatus {
  return judgeLagWindow(window, options, false).status;
}

/**
 * evaluateLagStatus of a window whose commit and lag were the same at each of its `length` samples
 * (flatSeriesLag, flatSumLag: lag-windows.ts), from those two numbers. Rule 1 needs a commit that
 * went back and rule 6 a commit that moved, which such a window has neither of: zero lag is OK, a
 * window not yet full INCOMPLETE, else STOPPED or STALLED.
 */
export function flatWindowStatus(lag: number, length: number, options: WindowOptions): GroupStatus {
  if (lag === 0) return "OK";
  if (length < options.windowSize) return "INCOMPLETE";
  return options.hasActiveMembers ? "STALLED" : "STOPPED";
}

/**
 * The reason in words (evaluateLagWindow's) for `status`, which evaluateLagStatus gave for this same
 * window: the collector has the status already, and asks for a reason for every group and topic.
 */
export function describeLagReason(window: LagWindowView, options: WindowOptions, status: GroupStatus): string {
  return explainStatus(window, options, status);
}

function judgeLagWindow(window: LagWindowView, options: WindowOptions, withReason: boolean): StatusVerdict {
  const status = lagStatus(window, options);
  return withReason ? { status, reason: explainStatus(window, options, status) } : WITHOUT_REASON[status];
}

/** The rules above; no closures or strings, as it runs for every partition of every group. */
function lagStatus(window: LagWindowView, options: WindowOptions): GroupStatus {
  const length = window.length;
  if (firstRewind(window) > 0) return "REWOUND";
  if (length === 0) return "INCOMPLETE";
  for (let index = length - 1; index >= 0; index--) if (window.lagAt(index) === 0) return "OK";
  if (length < options.windowSize) return "INCOMPLETE";
  if (!committedMoved(window)) return options.hasActiveMembers ? "STALLED" : "STOPPED";
  return risingEnd(window) >= 0 ? "WARNING" : "OK";
}

/**
 * The reason for `status`, which lagStatus gave for this window. The texts of windows that stand
 * still come from reasonTexts: the collector asks for a reason for every group and topic of every
 * sample (30,000 at 10,000 groups), and a stopped, stalled or incomplete window says the same from
 * one sample to the next, where made anew each text and the pieces it was joined from were 80–98
 * bytes of garbage (2.4–3 MB a sample there). A rising lag's text changes every sample, so it is
 * made each time.
 */
function explainStatus(window: LagWindowView, options: WindowOptions, status: GroupStatus): string {
  const length = window.length;
  const spanSeconds = () => Math.round((window.timeAt(length - 1) - window.timeAt(0)) / 1000);
  switch (status) {
    case "REWOUND": {
      const index = firstRewind(window);
      return reasonTexts.text(REWOUND_TEXT, window.committedAt(index - 1)!, window.committedAt(index)!);
    }
    case "INCOMPLETE":
      return length === 0 ? "no observations yet" : reasonTexts.text(INCOMPLETE_TEXT, length, options.windowSize);
    case "STALLED":
      return reasonTexts.text(STALLED_TEXT, spanSeconds(), window.lagAt(length - 1));
    case "STOPPED":
      return reasonTexts.text(STOPPED_TEXT, spanSeconds(), window.lagAt(length - 1));
    case "WARNING": {
      const [from, to] = risingRange(window)!;
      const seconds = Math.round((window.timeAt(to) - window.timeAt(from)) / 1000);
      return `lag rose from ${window.lagAt(from)} to ${window.lagAt(to)} over ${seconds}s without falling`;
    }
    case "OK":
      if (window.lagAt(length - 1) === 0) return "caught up";
      for (let index = 0; index < length; index++) if (window.lagAt(index) === 0) return "caught up within the window";
      return "consuming; lag not rising";
  }
}

/** The reasons' texts made of two numbers (a, b), by kind. */
const REWOUND_TEXT = 0;
const INCOMPLETE_TEXT = 1;
const STALLED_TEXT = 2;
const STOPPED_TEXT = 3;
const REASON_TEXTS: ((a: number, b: number) => string)[] = [
  (from, to) => `committed offset went back from ${from} to ${to}`,
  (length, windowSize) => `${length} of ${windowSize} samples in the window`,
  (seconds, lag) => `members connected but no progress in ${seconds}s with lag ${lag}`,
  (seconds, lag) => `no commit for over ${seconds}s and no members, lag ${lag}`,
];

/**
 * Each text made once for its numbers, by kind, then a, then b (maps keyed by numbers: no key string
 * is made to look one up). Bounded: past MAX_REASON_TEXTS texts it starts again empty, so a cluster
 * whose numbers never repeat (a stopped group whose topic still grows) holds at most that many.
 */
class ReasonTexts {
  private byKind: Map<number, Map<number, string>>[] = [];
  private count = 0;

  text(kind: number, a: number, b: number): string {
    if (this.count >= MAX_REASON_TEXTS) {
      this.byKind = [];
      this.count = 0;
    }
    const byA = (this.byKind[kind] ??= new Map());
    let byB = byA.get(a);
    if (byB === undefined) byA.set(a, (byB = new Map()));
    let text = byB.get(b);
    if (text === undefined) {
      byB.set(b, (text = REASON_TEXTS[kind]!(a, b)));
      this.count += 1;
    }
    return text;
  }
}

const MAX_REASON_TEXTS = 20_000;
const reasonTexts = new ReasonTexts();

/** Index of the first observation whose committed offset is below the one before; 0 when none. */
function firstRewind(window: LagWindowView): number {
  for (let index = 1; index < window.length; index++) {
    const before = window.committedAt(index - 1);
    const after = window.committedAt(index);
    if (before !== null && after !== null && after < before) return index;
  }
  return 0;
}

function committedMoved(window: LagWindowView): boolean {
  const first = window.committedAt(0);
  for (let index = 1; index < window.length; index++) if (window.committedAt(index) !== first) return true;
  return false;
}

const isCommit = (window: LagWindowView, index: number) => index > 0 && window.committedAt(index) !== window.committedAt(index - 1);

/**
 * [from, to] when lag never fell between compared observations and grew from the first to the last
 * (rule 6), else null. Only some samples saw a commit (sampled faster than the consumer commits):
 * those are compared. With a commit at every sample, or fewer than two, every sample is.
 */
function risingRange(window: LagWindowView): [number, number] | null {
  const to = risingEnd(window);
  return to < 0 ? null : [firstCompared(window, isSawtooth(window)), to];
}

/** risingRange's `to`, or −1 for null, without an array: what lagStatus asks for every partition. */
function risingEnd(window: LagWindowView): number {
  const length = window.length;
  const sawtooth = isSawtooth(window);
  const from = firstCompared(window, sawtooth);
  if (from < 0) return -1;
  let to = from;
  for (let index = from + 1; index < length; index++) {
    if (sawtooth && !isCommit(window, index)) continue;
    if (window.lagAt(index) < window.lagAt(to)) return -1;
    to = index;
  }
  return window.lagAt(to) > window.lagAt(from) ? to : -1;
}

/** Whether only some samples saw a commit (at least two, and not every one): then only those are compared. */
function isSawtooth(window: LagWindowView): boolean {
  let commits = 0;
  for (let index = 1; index < window.length; index++) if (isCommit(window, index)) commits += 1;
  return commits >= 2 && commits < window.length - 1;
}

/** The first observation compared (risingRange), or −1 when there is none. */
function firstCompared(window: LagWindowView, sawtooth: boolean): number {
  for (let index = 0; index < window.length; index++) if (!sawtooth || isCommit(window, index)) return index;
  return -1;
}

function observationView(window: LagObservation[]): LagWindowView {
  return {
    length: window.length,
    timeAt: (index) => window[index]!.time,
    committedAt: (index) => window[index]!.committedOffset,
    lagAt: (index) => window[index]!.lag,
  };
}
