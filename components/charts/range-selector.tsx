"use client";

export const RANGES = ["15m", "1h", "6h", "24h"] as const;
export type ChartRange = (typeof RANGES)[number];

export function RangeSelector({ value, onChange }: { value: ChartRange; onChange: (range: ChartRange) => void }) {
  return (
    <div className="tabs" role="group" aria-label="Time range">
      {RANGES.map((range) => (
        <button key={range} type="button" aria-pressed={value === range} onClick={() => onChange(range)}>
          {range}
        </button>
      ))}
    </div>
  );
}
