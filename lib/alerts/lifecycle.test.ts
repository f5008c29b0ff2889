import { describe, expect, it } from "vitest";
import { planAlertTransitions, type LiveAlert } from "@/lib/alerts/lifecycle";
import type { Breach } from "@/lib/alerts/evaluate-rules";

const breach = (key: string, forSec: number): Breach => ({
  key, rule: "r", ruleName: "R", cluster: "local", groupId: "g", topic: "t", team: "a", service: "s", severity: "warning", forSec, value: 1, threshold: 0, summary: "s",
});
const live = (key: string, state: LiveAlert["state"], startedAt: number): LiveAlert => ({ id: `id-${key}`, key, state, startedAt });
const byKey = (...alerts: LiveAlert[]) => new Map(alerts.map((alert) => [alert.key, alert]));

describe("alert lifecycle", () => {
  it("a new condition is pending, or firing at once when its for is 0", () => {
    const plan = planAlertTransitions(byKey(), [breach("a", 30), breach("b", 0)], 1_000);
    expect(plan.open.map((entry) => [entry.breach.key, entry.state])).toEqual([["a", "pending"], ["b", "firing"]]);
    expect([plan.fire, plan.keep, plan.resolve, plan.drop]).toEqual([[], [], [], []]);
  });

  it("pending fires once the condition has held for exactly its for, not a millisecond before", () => {
    expect(planAlertTransitions(byKey(live("a", "pending", 0)), [breach("a", 30)], 29_999).keep.map((entry) => entry.id)).toEqual(["id-a"]);
    expect(planAlertTransitions(byKey(live("a", "pending", 0)), [breach("a", 30)], 30_000).fire.map((entry) => entry.id)).toEqual(["id-a"]);
  });

  it("firing stays firing (deduplicated: no second open) while the condition holds", () => {
    const plan = planAlertTransitions(byKey(live("a", "firing", 0)), [breach("a", 30), breach("a", 30)], 99_000);
    expect(plan.open).toEqual([]);
    expect(plan.keep.map((entry) => entry.id)).toEqual(["id-a"]);
  });

  it("firing resolves when the condition clears; pending is dropped", () => {
    const plan = planAlertTransitions(byKey(live("a", "firing", 0), live("b", "pending", 0)), [], 5_000);
    expect(plan.resolve.map((alert) => alert.id)).toEqual(["id-a"]);
    expect(plan.drop.map((alert) => alert.id)).toEqual(["id-b"]);
  });

  it("two breaches with one new key open one alert, the first", () => {
    const first = breach("n", 0);
    const plan = planAlertTransitions(byKey(), [first, breach("n", 30)], 1_000);
    expect(plan.open).toEqual([{ breach: first, state: "firing" }]);
  });

  it("hands back the live alert each kept or firing breach matched; only the unmatched resolve or drop", () => {
    const kept = live("k", "firing", 0);
    const firing = live("f", "pending", 0);
    const plan = planAlertTransitions(byKey(kept, firing, live("r", "firing", 0), live("d", "pending", 0)), [breach("k", 30), breach("f", 30)], 30_000);
    expect(plan.keep.map((entry) => entry.alert)).toEqual([kept]);
    expect(plan.keep[0]!.alert).toBe(kept);
    expect(plan.fire[0]!.alert).toBe(firing);
    expect(plan.resolve.map((alert) => alert.key)).toEqual(["r"]);
    expect(plan.drop.map((alert) => alert.key)).toEqual(["d"]);
  });

  it("a resolved key that breaches again opens a new alert", () => {
    expect(planAlertTransitions(byKey(), [breach("a", 0)], 10).open.map((entry) => entry.state)).toEqual(["firing"]);
  });
});
