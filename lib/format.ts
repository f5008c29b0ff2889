// Human formats for numbers shown in the UI. Pure: used by server and client components.

const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat("en");

/** 1234 -> "1.2k"; small numbers keep one decimal when fractional. */
export function formatCompact(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  if (Math.abs(value) < 1000) return Number.isInteger(value) ? String(value) : value.toFixed(1);
  return compact.format(value).toLowerCase();
}

export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return whole.format(value);
}

/** Messages per second: "1.2k msg/s", "0.4 msg/s", "—" when unknown. */
export function formatRate(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  if (value > 0 && value < 0.05) return "<0.1 msg/s";
  return `${formatCompact(value)} msg/s`;
}

/** Seconds as "3m 20s", "2h 5m", "4d 3h"; "0s" when caught up; "—" when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return "—";
  const total = Math.round(seconds);
  if (total < 60) return `${total}s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes}m ${total % 60}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** retention.ms in words: "7 days", "forever". */
export function formatRetention(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 0) return "forever";
  // Kafka spells "no limit" as Long.MAX_VALUE.
  if (ms >= 9_000_000_000_000_000) return "no limit";
  const units: [number, string][] = [
    [86_400_000, "day"],
    [3_600_000, "hour"],
    [60_000, "minute"],
    [1_000, "second"],
  ];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) {
      const count = ms / size;
      return `${count} ${name}${count === 1 ? "" : "s"}`;
    }
  }
  return formatDuration(ms / 1000);
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return "—";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** "12s ago", "3m 4s ago". */
export function formatAge(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "never";
  return `${formatDuration(seconds)} ago`;
}

/** Shown beside an estimated time lag: why it carries "≈". */
export const TIME_LAG_ESTIMATE_NOTE =
  "Estimate: the next unread record is gone (retention or compaction) or could not be read, so the time behind is interpolated from sampled end offsets.";

/** A time lag as "3m 20s", or "≈ 3m 20s" when it is an estimate from sampled end offsets. */
export function formatTimeLag(seconds: number | null | undefined, estimated: boolean): string {
  const text = formatDuration(seconds);
  return estimated && text !== "—" ? `≈ ${text}` : text;
}
