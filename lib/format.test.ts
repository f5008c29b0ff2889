import { describe, expect, it } from "vitest";
import { formatBytes, formatCompact, formatDuration, formatRate, formatRetention } from "@/lib/format";

describe("format", () => {
  it("formats rates with units", () => {
    expect(formatRate(1234)).toBe("1.2k msg/s");
    expect(formatRate(4)).toBe("4 msg/s");
    expect(formatRate(2.45)).toBe("2.5 msg/s");
    expect(formatRate(0.01)).toBe("<0.1 msg/s");
    expect(formatRate(0)).toBe("0 msg/s");
    expect(formatRate(null)).toBe("—");
  });
  it("formats durations", () => {
    expect(formatDuration(0)).toBe("0s");
    expect(formatDuration(200)).toBe("3m 20s");
    expect(formatDuration(7_500)).toBe("2h 5m");
    expect(formatDuration(3 * 86_400 + 3_600 * 3)).toBe("3d 3h");
    expect(formatDuration(null)).toBe("—");
  });
  it("formats retention in words", () => {
    expect(formatRetention(604_800_000)).toBe("7 days");
    expect(formatRetention(3_600_000)).toBe("1 hour");
    expect(formatRetention(-1)).toBe("forever");
  });
  it("formats counts and bytes", () => {
    expect(formatCompact(1_500_000)).toBe("1.5m");
    expect(formatBytes(1536)).toBe("1.5 KiB");
  });
});
