import { describe, expect, it } from "vitest";
import { alertLabels, isSilenced, silenceMatches } from "@/lib/alerts/silences";

const alert = { rule: "time-lag-objective", team: "trust", service: "fraud-detection", cluster: "local", groupId: "fraud-detection", topic: "orders.created", severity: "warning" };

describe("silences", () => {
  it("labels name every dimension, empty when the alert has none", () => {
    expect(alertLabels({ ...alert, groupId: null, service: null })).toEqual({
      alertname: "time-lag-objective", team: "trust", service: "", cluster: "local", group: "", topic: "orders.created", severity: "warning",
    });
  });

  it("match only when every matcher matches exactly", () => {
    const window = { startsAt: 0, endsAt: 10 };
    expect(silenceMatches({ ...window, matchers: [{ label: "team", value: "trust" }, { label: "group", value: "fraud-detection" }] }, alert)).toBe(true);
    expect(silenceMatches({ ...window, matchers: [{ label: "team", value: "trust" }, { label: "group", value: "fraud" }] }, alert)).toBe(false);
    expect(silenceMatches({ ...window, matchers: [] }, alert)).toBe(false);
  });

  it("mute only between start (inclusive) and end (exclusive)", () => {
    const silence = { startsAt: 100, endsAt: 200, matchers: [{ label: "cluster" as const, value: "local" }] };
    expect([99, 100, 199, 200].map((now) => isSilenced([silence], alert, now))).toEqual([false, true, true, false]);
  });
});
