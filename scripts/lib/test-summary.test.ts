import { describe, expect, it } from "vitest";
import { addCounts, failedStageCounts } from "./test-summary";

describe("failedStageCounts", () => {
  it("counts a failed stage whose tests all passed as one failure", () => {
    // vitest exits 1 on an unhandled error with every test passed.
    expect(failedStageCounts([{ passed: 12, failed: 0, skipped: 1 }])).toEqual({ passed: 0, failed: 1, skipped: 0 });
    expect(addCounts([{ passed: 12, failed: 0, skipped: 1 }, failedStageCounts([{ passed: 12, failed: 0, skipped: 1 }])])).toEqual({
      passed: 12, failed: 1, skipped: 1,
    });
  });

  it("counts a stage without a report (typecheck, a crashed runner) as one failure", () => {
    expect(failedStageCounts([])).toEqual({ passed: 0, failed: 1, skipped: 0 });
    expect(failedStageCounts([null])).toEqual({ passed: 0, failed: 1, skipped: 0 });
  });

  it("adds nothing when the stage's reports already count its failed tests", () => {
    expect(failedStageCounts([{ passed: 3, failed: 2, skipped: 0 }])).toBeNull();
  });
});
