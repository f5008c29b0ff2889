// Axis label formats for the value axes of TimeSeriesChart: the unit of lib/format's formatters,
// with as many decimals as the tick step needs (so 0.05 and 0.1 never both read "0.1 msg/s").
import { formatDuration } from "@/lib/format";
import type { AxisLabel } from "@/components/charts/chart-ticks";

const compact = (decimals: number) => new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: Math.min(Math.max(decimals, 1), 3) });

/** 0 → "0", 0.05 (2 decimals) → "0.05", 1500 → "1.5k". */
export function formatAxisNumber(value: number, decimals: number): string {
  if (value === 0) return "0";
  if (Math.abs(value) < 1000) return value.toFixed(decimals);
  return compact(decimals).format(value).toLowerCase();
}

export const RATE_AXIS: AxisLabel = { format: (value, decimals) => `${formatAxisNumber(value, decimals)} msg/s` };
export const COUNT_AXIS: AxisLabel = { format: formatAxisNumber, minStep: 1 };
export const DURATION_AXIS: AxisLabel = { format: (value) => formatDuration(value), steps: "duration" };
