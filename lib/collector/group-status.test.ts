import { describe, expect, it } from "vitest";
import { evaluateLagWindow, worstStatus, type LagObservation } from "@/lib/collector/group-status";

const series = (rows: [committed: number | null, lag: number][]): LagObservation[] =>
  rows.map(([committedOffset, lag], index) => ({ time: index * 10_000, committedOffset, lag }));
const full = { windowSize: 5, hasActiveMembers: true };

describe("evaluateLagWindow", () => {
  it("is OK when caught up, even with an incomplete window", () => {
    expect(evaluateLagWindow(series([[10, 0]]), full).status).toBe("OK");
  });

  it("reports an incomplete window when lag is non-zero", () => {
    const verdict = evaluateLagWindow(series([[10, 3], [12, 4]]), full);
    expect(verdict).toEqual({ status: "INCOMPLETE", reason: "2 of 5 samples in the window" });
  });

  it("is OK when lag falls", () => {
    expect(evaluateLagWindow(series([[0, 50], [20, 40], [45, 30], [60, 35], [90, 10]]), full).status).toBe("OK");
  });

  it("warns when lag never falls and grows", () => {
    const verdict = evaluateLagWindow(series([[0, 10], [10, 15], [20, 15], [30, 22], [40, 30]]), full);
    expect(verdict.status).toBe("WARNING");
    expect(verdict.reason).toBe("lag rose from 10 to 30 over 40s without falling");
  });

  it("is OK when the lag was zero somewhere in the window", () => {
    expect(evaluateLagWindow(series([[0, 0], [5, 0], [10, 0], [15, 0], [20, 3]]), full)).toEqual({
      status: "OK",
      reason: "caught up within the window",
    });
  });

  it("compares lag at commits when sampled more often than the consumer commits", () => {
    // Commits every third sample: lag climbs between commits and drops at each, but each commit
    // leaves it higher than the one before (12, 18, 24).
    const sawtooth = series([[0, 10], [0, 14], [3, 12], [3, 16], [3, 20], [6, 18], [6, 22], [6, 26], [9, 24]]);
    expect(evaluateLagWindow(sawtooth, { windowSize: 9, hasActiveMembers: true })).toEqual({
      status: "WARNING",
      reason: "lag rose from 12 to 24 over 60s without falling",
    });
  });

  it("is OK when a commit leaves the lag lower than the commit before", () => {
    const catchingUp = series([[0, 10], [0, 14], [3, 12], [3, 16], [8, 11], [8, 15], [11, 13]]);
    expect(evaluateLagWindow(catchingUp, { windowSize: 7, hasActiveMembers: true }).status).toBe("OK");
  });

  it("with a single commit in the window compares every sample", () => {
    const oneCommit = series([[0, 10], [0, 12], [2, 11], [2, 13], [2, 15]]);
    expect(evaluateLagWindow(oneCommit, full).status).toBe("OK");
  });

  it("does not warn on a steady non-zero lag", () => {
    expect(evaluateLagWindow(series([[0, 5], [5, 5], [10, 5], [15, 5], [20, 5]]), full).status).toBe("OK");
  });

  it("is STALLED when members are connected but the offset does not move", () => {
    expect(evaluateLagWindow(series([[7, 3], [7, 5], [7, 9], [7, 9], [7, 12]]), full).status).toBe("STALLED");
  });

  it("is STOPPED when nobody is connected and the offset does not move", () => {
    const verdict = evaluateLagWindow(series([[7, 3], [7, 5], [7, 9], [7, 9], [7, 12]]), {
      windowSize: 5,
      hasActiveMembers: false,
    });
    expect(verdict).toEqual({ status: "STOPPED", reason: "no commit for over 40s and no members, lag 12" });
  });

  it("is STOPPED for a partition that never had a commit and has lag", () => {
    const verdict = evaluateLagWindow(series([[null, 1], [null, 2], [null, 3], [null, 4], [null, 5]]), {
      windowSize: 5,
      hasActiveMembers: false,
    });
    expect(verdict.status).toBe("STOPPED");
  });

  it("is REWOUND when the committed offset goes backwards, whatever the lag", () => {
    expect(evaluateLagWindow(series([[100, 0], [40, 60]]), full)).toEqual({
      status: "REWOUND",
      reason: "committed offset went back from 100 to 40",
    });
  });
});

describe("reason texts", () => {
  const stopped = (lag: number) => series([[7, lag], [7, lag], [7, lag], [7, lag], [7, lag]]);
  const nobody = { windowSize: 5, hasActiveMembers: false };

  it("say each window's own numbers when asked again and again, past the number of texts kept", () => {
    // More distinct lags than the texts kept (20,000), then the first ones again: each reason is its window's.
    for (const lag of [...Array.from({ length: 20_050 }, (_, index) => index + 1), 1, 2, 20_050, 3]) {
      expect(evaluateLagWindow(stopped(lag), nobody).reason).toBe(`no commit for over 40s and no members, lag ${lag}`);
    }
  });

  it("tell the kinds apart when their numbers are the same", () => {
    expect(evaluateLagWindow(stopped(12), nobody).reason).toBe("no commit for over 40s and no members, lag 12");
    expect(evaluateLagWindow(stopped(12), full).reason).toBe("members connected but no progress in 40s with lag 12");
    expect(evaluateLagWindow(series([[40, 12], [41, 12]]), full).reason).toBe("2 of 5 samples in the window");
    expect(evaluateLagWindow(series([[40, 12], [12, 40]]), full).reason).toBe("committed offset went back from 40 to 12");
    expect(evaluateLagWindow(series([[0, 12], [1, 20], [2, 30], [3, 40], [4, 41]]), full).reason).toBe("lag rose from 12 to 41 over 40s without falling");
  });
});

describe("worstStatus", () => {
  it("takes the most severe", () => {
    expect(worstStatus([])).toBe("OK");
    expect(worstStatus(["OK", "INCOMPLETE", "WARNING"])).toBe("WARNING");
    expect(worstStatus(["STALLED", "STOPPED", "REWOUND"])).toBe("STOPPED");
  });
});
