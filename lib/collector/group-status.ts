import type { GroupStatus } from "@/lib/collector/types";

/** One sample of a group's position on one partition (or summed over a topic). */
export type LagObservation = { time: number; committedOffset: number | null; lag: number };

export type StatusVerdict = { status: GroupStatus; reason: string };

/** Worst first when groups take their worst partition's status. */
const SEVERITY: Record<GroupStatus, number> = {
  OK: 0,
  INCOMPLETE: 1,
  WARNING: 2,
  REWOUND: 3,
  STALLED: 4,
  STOPPED: 5,
};

export function worstStatus(statuses: GroupStatus[]): GroupStatus {
  return statuses.reduce<GroupStatus>((worst, status) => (SEVERITY[status] > SEVERITY[worst] ? status : worst), "OK");
}

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
export function evaluateLagWindow(
  window: LagObservation[],
  options: { windowSize: number; hasActiveMembers: boolean },
): StatusVerdict {
  for (let index = 1; index < window.length; index++) {
    const before = window[index - 1]!.committedOffset;
    const after = window[index]!.committedOffset;
    if (before !== null && after !== null && after < before) {
      return { status: "REWOUND", reason: `committed offset went back from ${before} to ${after}` };
    }
  }
  const latest = window[window.length - 1];
  if (!latest) return { status: "INCOMPLETE", reason: "no observations yet" };
  if (latest.lag === 0) return { status: "OK", reason: "caught up" };
  if (window.some((observation) => observation.lag === 0)) return { status: "OK", reason: "caught up within the window" };
  if (window.length < options.windowSize) {
    return { status: "INCOMPLETE", reason: `${window.length} of ${options.windowSize} samples in the window` };
  }
  const first = window[0]!;
  const spanSeconds = Math.round((latest.time - first.time) / 1000);
  const committedMoved = window.some((observation) => observation.committedOffset !== first.committedOffset);
  if (!committedMoved) {
    return options.hasActiveMembers
      ? { status: "STALLED", reason: `members connected but no progress in ${spanSeconds}s with lag ${latest.lag}` }
      : { status: "STOPPED", reason: `no commit for over ${spanSeconds}s and no members, lag ${latest.lag}` };
  }
  const atCommits = window.filter((observation, index) => index > 0 && observation.committedOffset !== window[index - 1]!.committedOffset);
  // Only some samples saw a commit (sampled faster than the consumer commits): compare those. With
  // a commit at every sample, or fewer than two, compare every sample.
  const sawtooth = atCommits.length >= 2 && atCommits.length < window.length - 1;
  const compared = sawtooth ? atCommits : window;
  const from = compared[0]!;
  const to = compared[compared.length - 1]!;
  const neverFell = compared.every((observation, index) => index === 0 || observation.lag >= compared[index - 1]!.lag);
  if (neverFell && to.lag > from.lag) {
    const seconds = Math.round((to.time - from.time) / 1000);
    return { status: "WARNING", reason: `lag rose from ${from.lag} to ${to.lag} over ${seconds}s without falling` };
  }
  return { status: "OK", reason: "consuming; lag not rising" };
}
