import { describe, expect, it } from "vitest";
import { decimalsForStep, formatTimeLabel, timeTicks, valueTicks } from "@/components/charts/chart-ticks";
import { COUNT_AXIS, DURATION_AXIS, RATE_AXIS } from "@/components/charts/axis-format";

describe("valueTicks", () => {
  it("gives small rates the decimals their step needs, so no label repeats", () => {
    // The reported case: rates between 0 and 0.17 msg/s used to show "0.1 msg/s" twice.
    expect(valueTicks([0.02, 0.17, 0.1], RATE_AXIS)).toEqual({
      ticks: [0, 0.05, 0.1, 0.15, 0.2],
      labels: ["0 msg/s", "0.05 msg/s", "0.10 msg/s", "0.15 msg/s", "0.20 msg/s"],
      domain: [0, 0.2],
    });
  });

  it("uses whole numbers for larger rates and compact thousands", () => {
    expect(valueTicks([3, 42.5], RATE_AXIS).labels).toEqual(["0 msg/s", "10 msg/s", "20 msg/s", "30 msg/s", "40 msg/s", "50 msg/s"]);
    expect(valueTicks([12_300], RATE_AXIS).labels).toEqual(["0 msg/s", "5k msg/s", "10k msg/s", "15k msg/s"]);
  });

  it("moves to a larger step when a formatter that ignores decimals would repeat a label", () => {
    // Steps of 500 would print 500 and 1000 both as "1k": the next step, 1000, does not.
    const thousands = { format: (value: number) => `${Math.round(value / 1000)}k` };
    expect(valueTicks([0, 2_400], thousands)).toEqual({ ticks: [0, 1000, 2000, 3000], labels: ["0k", "1k", "2k", "3k"], domain: [0, 3000] });
  });

  it("keeps counts whole: lag of 0 or 1 gets ticks 0 and 1, not 0.2 steps", () => {
    expect(valueTicks([0, 1], COUNT_AXIS)).toEqual({ ticks: [0, 1], labels: ["0", "1"], domain: [0, 1] });
    expect(valueTicks([0, 0], COUNT_AXIS)).toEqual({ ticks: [0, 1], labels: ["0", "1"], domain: [0, 1] });
  });

  it("steps durations in round seconds and minutes", () => {
    expect(valueTicks([0.4], DURATION_AXIS).labels).toEqual(["0s", "1s"]);
    expect(valueTicks([200], DURATION_AXIS).labels).toEqual(["0s", "1m 0s", "2m 0s", "3m 0s", "4m 0s"]);
    expect(valueTicks([5000], DURATION_AXIS).labels).toEqual(["0s", "30m 0s", "1h 0m", "1h 30m"]);
  });

  it("never repeats a label over many ranges", () => {
    for (const max of [0.01, 0.03, 0.07, 0.12, 0.33, 0.9, 1.1, 7, 15, 99, 101, 999, 1001, 1_234_567]) {
      for (const axis of [RATE_AXIS, COUNT_AXIS, DURATION_AXIS]) {
        const { labels, ticks } = valueTicks([0, max], axis);
        expect(new Set(labels).size, `${max}: ${labels.join(" | ")}`).toBe(labels.length);
        expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
        expect(ticks.length).toBeLessThanOrEqual(7);
      }
    }
  });

  it("derives decimals from the step", () => {
    expect([0.05, 0.1, 0.2, 0.5, 1, 2, 50].map(decimalsForStep)).toEqual([2, 1, 1, 1, 0, 0, 0]);
  });
});

describe("timeTicks", () => {
  const at = (time: string) => Date.parse(`2026-12-03T${time}Z`);

  it("labels a two-minute range with seconds, every tick different", () => {
    const { ticks, labels, withSeconds } = timeTicks(at("10:00:07"), at("10:02:07"), 6, 0);
    expect(withSeconds).toBe(true);
    expect(labels).toEqual(["10:00:30", "10:01:00", "10:01:30", "10:02:00"]);
    expect(ticks).toEqual([at("10:00:30"), at("10:01:00"), at("10:01:30"), at("10:02:00")]);
  });

  it("keeps seconds for a 15-minute range and drops them for an hour", () => {
    expect(timeTicks(at("10:00:00"), at("10:15:00"), 6, 0).labels).toEqual([
      "10:00:00", "10:05:00", "10:10:00", "10:15:00",
    ]);
    const hour = timeTicks(at("10:00:00"), at("11:00:00"), 6, 0);
    expect(hour.withSeconds).toBe(false);
    expect(hour.labels).toEqual(["10:00", "10:10", "10:20", "10:30", "10:40", "10:50", "11:00"]);
  });

  it("shows seconds whenever ticks are less than a minute apart", () => {
    expect(timeTicks(at("10:00:00"), at("10:00:20"), 6, 0).labels).toEqual(["10:00:00", "10:00:05", "10:00:10", "10:00:15", "10:00:20"]);
  });

  it("puts round hours in the local zone and the date on ranges longer than a day", () => {
    const week = timeTicks(at("00:00:00"), at("00:00:00") + 7 * 86_400_000, 6, 0);
    expect(week.withDate).toBe(true);
    expect(week.labels[0]).toBe("3 Dec 00:00");
    expect(new Set(week.labels).size).toBe(week.labels.length);
    // UTC+1: ticks fall on local round hours, 12:00 local = 11:00 UTC.
    const day = timeTicks(at("06:30:00"), at("23:30:00"), 6, 3_600_000);
    expect(day.labels).toEqual(["09:00", "12:00", "15:00", "18:00", "21:00", "00:00"]);
    expect(day.ticks[1]).toBe(at("11:00:00"));
  });

  it("formats one label in a given zone", () => {
    expect(formatTimeLabel(at("23:59:30"), { withSeconds: true, withDate: true, utcOffsetMs: 3_600_000 })).toBe("4 Dec 00:59:30");
  });
});
