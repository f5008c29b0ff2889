// Axis ticks whose labels never repeat. Pure: unit-tested in chart-ticks.test.ts.
//
// Left to itself the chart library picks ticks such as 0.05, 0.1, 0.15 and the unit formatter
// rounds two of them to "0.1 msg/s"; and a time axis formatted as HH:MM labels every tick of a
// two-minute range with the same minute. Here the ticks come from a step, the labels get the
// decimals that step needs, and a step whose labels still repeat is replaced by the next larger one.

/** Formats a tick value with the number of decimals its step needs. */
export type AxisFormat = (value: number, decimals: number) => string;

export type AxisLabel = {
  format: AxisFormat;
  /** "duration": steps of whole seconds, minutes and hours (values in seconds). */
  steps?: "decimal" | "duration";
  /** Smallest step: 1 for counts, which have no fractions. */
  minStep?: number;
};

export type ValueTicks = { ticks: number[]; labels: string[]; domain: [number, number] };

const DURATION_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** Decimals a step of the 1-2-5 series needs: 0.05 → 2, 0.5 → 1, 5 → 0. */
export function decimalsForStep(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/** Candidate steps from the smallest one that gives at most `maxTicks` intervals, growing. */
function* candidateSteps(span: number, maxTicks: number, label: AxisLabel): Generator<number> {
  const rough = Math.max(span / maxTicks, label.minStep ?? 0, Number.MIN_VALUE);
  if (label.steps === "duration") {
    for (const step of DURATION_STEPS_S) if (step >= rough) yield step;
    for (let step = 2 * 86400; ; step *= 2) if (step >= rough) yield step;
  } else {
    yield* decimalSteps(rough);
  }
}

function* decimalSteps(rough: number): Generator<number> {
  for (let magnitude = 10 ** Math.floor(Math.log10(rough)); ; magnitude *= 10) {
    for (const factor of [1, 2, 5]) if (magnitude * factor >= rough - 1e-12 * magnitude) yield magnitude * factor;
  }
}

/**
 * Ticks from 0 (or the lowest value, when negative) to a round value at or above the highest,
 * at most about `maxTicks` of them, with labels that are all different.
 */
export function valueTicks(values: number[], label: AxisLabel, maxTicks = 5): ValueTicks {
  const finite = values.filter((value) => Number.isFinite(value));
  const low = Math.min(0, ...finite);
  let high = Math.max(0, ...finite);
  if (high === low) high = low + (label.minStep ?? 1);
  let tries = 0;
  for (const step of candidateSteps(high - low, maxTicks, label)) {
    const decimals = decimalsForStep(step);
    const first = Math.floor(low / step + 1e-9);
    const last = Math.ceil(high / step - 1e-9);
    const ticks: number[] = [];
    for (let index = first; index <= last; index++) ticks.push(Number((index * step).toFixed(decimals)));
    const labels = ticks.map((tick) => label.format(tick, decimals));
    if (new Set(labels).size === labels.length || ++tries > 40) return { ticks, labels, domain: [ticks[0]!, ticks[ticks.length - 1]!] };
  }
  throw new Error("unreachable: candidate steps never end");
}

export type TimeTicks = { ticks: number[]; labels: string[]; withSeconds: boolean; withDate: boolean };

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TIME_STEPS_MS = [1, 2, 5, 10, 15, 30].map((n) => n * SECOND).concat(
  [1, 2, 5, 10, 15, 30].map((n) => n * MINUTE),
  [1, 2, 3, 6, 12].map((n) => n * HOUR),
  [1, 2, 7, 14, 28].map((n) => n * DAY),
);

/** A range this short or shorter shows seconds in its time labels. */
export const SECONDS_UP_TO_MS = 15 * MINUTE;

/**
 * Time ticks between `from` and `to` (epoch ms) on round local times, at most about `maxTicks`.
 * Labels show seconds when the range is at most 15 minutes or ticks are less than a minute
 * apart, and the date when the range is longer than a day. `utcOffsetMs` is the local zone's
 * offset (a parameter so tests do not depend on the machine's zone).
 */
export function timeTicks(from: number, to: number, maxTicks = 6, utcOffsetMs = -new Date(from).getTimezoneOffset() * MINUTE): TimeTicks {
  const span = Math.max(to - from, 0);
  const step = TIME_STEPS_MS.find((candidate) => candidate * maxTicks >= span) ?? TIME_STEPS_MS[TIME_STEPS_MS.length - 1]!;
  const ticks: number[] = [];
  if (span === 0) ticks.push(from);
  for (let tick = Math.ceil((from + utcOffsetMs) / step) * step - utcOffsetMs; tick <= to && span > 0; tick += step) ticks.push(tick);
  const withSeconds = span <= SECONDS_UP_TO_MS || step < MINUTE;
  const withDate = span > DAY;
  const labels = ticks.map((tick) => formatTimeLabel(tick, { withSeconds, withDate, utcOffsetMs }));
  return { ticks, labels, withSeconds, withDate };
}

const pad = (value: number) => String(value).padStart(2, "0");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "14:05", "14:05:30", "3 Dec 14:00" in the zone `utcOffsetMs` describes. */
export function formatTimeLabel(at: number, options: { withSeconds: boolean; withDate: boolean; utcOffsetMs: number }): string {
  const local = new Date(at + options.utcOffsetMs);
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}${options.withSeconds ? `:${pad(local.getUTCSeconds())}` : ""}`;
  return options.withDate ? `${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ${time}` : time;
}
