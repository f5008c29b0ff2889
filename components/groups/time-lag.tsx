import { formatTimeLag, TIME_LAG_ESTIMATE_NOTE } from "@/lib/format";

/**
 * A time lag in words; an estimate carries "≈" and a tooltip saying why. `data-estimated` lets
 * tests tell the two apart without reading the text.
 */
export function TimeLag({ seconds, estimated, testId }: { seconds: number | null; estimated?: boolean; testId?: string }) {
  const shownAsEstimate = estimated === true && seconds !== null;
  return (
    <span data-testid={testId} data-estimated={shownAsEstimate ? "true" : "false"} title={shownAsEstimate ? TIME_LAG_ESTIMATE_NOTE : undefined}>
      {formatTimeLag(seconds, shownAsEstimate)}
    </span>
  );
}
