"use client";

export const RANGES = ["15m", "1h", "6h", "24h"] as const;
export type ChartRange = (typeof RANGES)[number];

/** `label` names the group for assistive tech (and tests) when a page has more than one chart. */
export function RangeSelector({ value, onChange, label = "Time range" }: { value: ChartRange; onChange: (range: ChartRange) => void; label?: string }) {
  return (
    <div className="tabs" role="group" aria-label={label}>
      {RANGES.map((range) => (
        <button key={range} type="button" aria-pressed={value === range} onClick={() => onChange(range)}>
          {range}
        </button>
      ))}
    </div>
  );
}
