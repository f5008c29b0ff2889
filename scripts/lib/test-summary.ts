// Reads the JSON reports of vitest and Playwright so `npm test` can end on one plain
// "N passed, N failed" line that CI understands whatever the runner.
import { existsSync, readFileSync } from "node:fs";

export type Counts = { passed: number; failed: number; skipped: number };

export function readVitestCounts(file: string): Counts | null {
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

export function readPlaywrightCounts(file: string): Counts | null {
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  return {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected,
    skipped: report.stats.skipped,
  };
}

export function addCounts(counts: (Counts | null)[]): Counts {
  return counts.reduce<Counts>(
    (total, entry) => ({
      passed: total.passed + (entry?.passed ?? 0),
      failed: total.failed + (entry?.failed ?? 0),
      skipped: total.skipped + (entry?.skipped ?? 0),
    }),
    { passed: 0, failed: 0, skipped: 0 },
  );
}

/**
 * What a failed stage adds to the final line beyond its reports: one failure when none of its tests
 * failed (a type error, a setup that broke, vitest's unhandled errors, a runner that crashed before
 * writing a report), so that the line never reads "0 failed" on a run that failed.
 */
export function failedStageCounts(reported: (Counts | null)[]): Counts | null {
  return addCounts(reported).failed > 0 ? null : { passed: 0, failed: 1, skipped: 0 };
}
