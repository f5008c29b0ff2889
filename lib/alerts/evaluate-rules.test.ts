import { describe, expect, it } from "vitest";
import { AlertKeys, evaluateRules } from "@/lib/alerts/evaluate-rules";
import { alertKey } from "@/lib/alerts/rules";
import { CATALOG, groupOf, snapshotOf, topicOf } from "@/lib/alerts/test-fixtures";

const pick = (breaches: ReturnType<typeof evaluateRules>) =>
  breaches.map(({ rule, groupId, topic, team, service, severity, forSec, value, threshold }) => ({ rule, groupId, topic, team, service, severity, forSec, value, threshold }));

describe("built-in rules", () => {
  it("time lag above the contract's objective alerts the consuming team, at the objective itself it does not", () => {
    const snapshot = snapshotOf({ groups: [groupOf("fraud-detection", "orders.created", { lag: 90, timeLagSeconds: 61 }), groupOf("other", "orders.created", { timeLagSeconds: 60 })] });
    const breaches = evaluateRules(snapshot, CATALOG, [], []).filter((breach) => breach.rule === "time-lag-objective");
    expect(pick(breaches)).toEqual([
      { rule: "time-lag-objective", groupId: "fraud-detection", topic: "orders.created", team: "trust", service: "fraud-detection", severity: "warning", forSec: 30, value: 61, threshold: 60 },
    ]);
    expect(breaches[0]!.key).toBe(alertKey("time-lag-objective", "local", "fraud-detection", "orders.created"));
    expect(breaches[0]!.summary).toBe("fraud-detection is 1m 1s behind on orders.created (objective 1m 0s)");
  });

  it("a topic without an objective, or a time lag not known, never breaches", () => {
    const snapshot = snapshotOf({ groups: [groupOf("fraud-detection", "payments.authorized", { timeLagSeconds: 9999 }), groupOf("analytics-etl", "orders.created", { timeLagSeconds: null, lag: 5 })] });
    expect(evaluateRules(snapshot, CATALOG, [], []).filter((breach) => breach.rule === "time-lag-objective")).toEqual([]);
  });

  it("STALLED, STOPPED and REWOUND groups alert; WARNING does not", () => {
    const snapshot = snapshotOf({
      groups: [
        groupOf("analytics-etl", "orders.created", { status: "STOPPED", lag: 12 }),
        groupOf("fraud-detection", "orders.created", { status: "WARNING" }),
        groupOf("unknown", "orders.created", { status: "REWOUND" }),
      ],
    });
    const stuck = evaluateRules(snapshot, CATALOG, [], []).filter((breach) => breach.rule === "group-stuck");
    expect(pick(stuck)).toEqual([
      { rule: "group-stuck", groupId: "analytics-etl", topic: "orders.created", team: "data-platform", service: "analytics", severity: "critical", forSec: 30, value: 12, threshold: null },
      // An undocumented group's stuck status goes to the owner of the topic it reads.
      { rule: "group-stuck", groupId: "unknown", topic: "orders.created", team: "commerce", service: null, severity: "critical", forSec: 30, value: 0, threshold: null },
    ]);
  });

  it("conformance below 99% alerts the owner; exactly at the threshold it does not", () => {
    const conformance = (topic: string, checked: number, violations: number) => ({ topic, contractVersion: 1, checked, violations, byProducer: [], latestViolations: [] });
    const snapshot = snapshotOf({ conformance: [conformance("payments.authorized", 100, 5), conformance("orders.created", 100, 1), conformance("unknown.topic", 10, 10)] });
    const low = evaluateRules(snapshot, CATALOG, [], []).filter((breach) => breach.rule === "conformance-low");
    expect(pick(low)).toEqual([
      { rule: "conformance-low", groupId: null, topic: "payments.authorized", team: "commerce", service: "payments", severity: "warning", forSec: 60, value: 0.95, threshold: 0.99 },
    ]);
  });

  it("an undocumented group on an owned topic alerts the owner; on an unowned topic nobody", () => {
    const snapshot = snapshotOf({ groups: [groupOf("mystery", "orders.created", { lag: 3 }), groupOf("mystery", "free.topic", {})] });
    const found = evaluateRules(snapshot, CATALOG, [], []).filter((breach) => breach.rule === "undocumented-consumer");
    expect(pick(found)).toEqual([
      { rule: "undocumented-consumer", groupId: "mystery", topic: "orders.created", team: "commerce", service: "orders", severity: "info", forSec: 120, value: 3, threshold: null },
    ]);
  });

  it("a topic with traffic and no contract alerts; idle, internal and owned topics do not", () => {
    const snapshot = snapshotOf({ topics: [topicOf("free.topic", 2.5), topicOf("idle.topic", 0), topicOf("__consumer_offsets", 9), topicOf("orders.created", 4)] });
    const found = evaluateRules(snapshot, CATALOG, [], []).filter((breach) => breach.rule === "unowned-topic-traffic");
    expect(pick(found)).toEqual([{ rule: "unowned-topic-traffic", groupId: null, topic: "free.topic", team: null, service: null, severity: "info", forSec: 120, value: 2.5, threshold: 0 }]);
  });
});

describe("team overrides and extra rules", () => {
  const snapshot = snapshotOf({
    groups: [groupOf("fraud-detection", "orders.created", { lag: 500, timeLagSeconds: 45 }), groupOf("analytics-etl", "orders.created", { status: "STOPPED" })],
  });

  it("an override changes for, severity and threshold for that team's alerts only", () => {
    const breaches = evaluateRules(snapshot, CATALOG, [{ team: "trust", rule: "time-lag-objective", enabled: true, forSec: 0, severity: "critical", threshold: 30 }], []);
    expect(pick(breaches.filter((breach) => breach.rule === "time-lag-objective"))).toEqual([
      { rule: "time-lag-objective", groupId: "fraud-detection", topic: "orders.created", team: "trust", service: "fraud-detection", severity: "critical", forSec: 0, value: 45, threshold: 30 },
    ]);
  });

  it("a disabled override silences the rule for that team and no other", () => {
    const breaches = evaluateRules(snapshot, CATALOG, [{ team: "data-platform", rule: "group-stuck", enabled: false, forSec: 0, severity: "info", threshold: null }], []);
    expect(breaches.filter((breach) => breach.rule === "group-stuck")).toEqual([]);
    const otherTeam = evaluateRules(snapshot, CATALOG, [{ team: "trust", rule: "group-stuck", enabled: false, forSec: 0, severity: "info", threshold: null }], []);
    expect(otherTeam.filter((breach) => breach.rule === "group-stuck").map((breach) => breach.groupId)).toEqual(["analytics-etl"]);
  });

  it("an extra rule measures the team's own groups with its comparison", () => {
    const rule = { team: "trust", name: "big-lag", metric: "group_lag_messages" as const, comparison: ">=" as const, threshold: 500, forSec: 10, severity: "warning" as const, enabled: true };
    const breaches = evaluateRules(snapshot, CATALOG, [], [rule, { ...rule, name: "other-team", team: "commerce" }]);
    expect(pick(breaches.filter((breach) => breach.rule.startsWith("custom:")))).toEqual([
      { rule: "custom:trust:big-lag", groupId: "fraud-detection", topic: "orders.created", team: "trust", service: "fraud-detection", severity: "warning", forSec: 10, value: 500, threshold: 500 },
    ]);
    expect(evaluateRules(snapshot, CATALOG, [], [{ ...rule, threshold: 501 }]).filter((breach) => breach.rule.startsWith("custom:"))).toEqual([]);
    expect(evaluateRules(snapshot, CATALOG, [], [{ ...rule, enabled: false }]).filter((breach) => breach.rule.startsWith("custom:"))).toEqual([]);
  });

  it("an extra rule on topic throughput looks at the team's owned topics", () => {
    const rule = { team: "commerce", name: "quiet", metric: "topic_messages_per_second" as const, comparison: "<" as const, threshold: 1, forSec: 60, severity: "info" as const, enabled: true };
    const breaches = evaluateRules(snapshotOf({ topics: [topicOf("orders.created", 0.5), topicOf("payments.authorized", 3), topicOf("free.topic", 0)] }), CATALOG, [], [rule]);
    expect(breaches.filter((breach) => breach.rule === "custom:commerce:quiet").map((breach) => [breach.topic, breach.service, breach.value])).toEqual([["orders.created", "orders", 0.5]]);
  });
});

describe("alert keys kept from one evaluation to the next", () => {
  const stopped = (...ids: string[]) => snapshotOf({ groups: ids.map((id) => groupOf(id, "orders.created", { status: "STOPPED", lag: 3 })) });
  const stuckKeys = (breaches: ReturnType<typeof evaluateRules>) => breaches.filter((breach) => breach.rule === "group-stuck").map((breach) => breach.key);

  it("hands out the same key, equal to alertKey, for the same rule, group and topic", () => {
    const keys = new AlertKeys("local");
    const [first] = stuckKeys(evaluateRules(stopped("analytics-etl"), CATALOG, [], [], keys));
    // A new snapshot's group id is another string with the same text, as it is when decoded from Kafka.
    const [second] = stuckKeys(evaluateRules(stopped(["analytics", "etl"].join("-")), CATALOG, [], [], keys));
    expect(first).toBe(alertKey("group-stuck", "local", "analytics-etl", "orders.created"));
    expect(second).toBe(first);
  });

  it("keeps an alert on no group apart from one on a group named like nothing", () => {
    const keys = new AlertKeys("local");
    expect(keys.key("unowned-topic-traffic", null, "t")).toBe(alertKey("unowned-topic-traffic", "local", null, "t"));
    expect(keys.key("unowned-topic-traffic", "", "t")).toBe(alertKey("unowned-topic-traffic", "local", "", "t"));
    expect(keys.key("group-stuck", "g", null)).toBe(alertKey("group-stuck", "local", "g", null));
    expect(keys.key("group-stuck", "g", "null")).toBe(alertKey("group-stuck", "local", "g", "null"));
  });

  it("forgets the keys of conditions that cleared once most of what it holds is not asked for", () => {
    const keys = new AlertKeys("local");
    const many = Array.from({ length: 1200 }, (_, index) => `group-${index}`);
    // Each of these groups is stuck, and undocumented on a topic with an owner: two alerts each.
    expect(evaluateRules(stopped(...many), CATALOG, [], [], keys)).toHaveLength(2400);
    expect(keys.held).toBe(2400);
    expect(evaluateRules(stopped(...many.slice(0, 700)), CATALOG, [], [], keys)).toHaveLength(1400);
    expect(keys.held).toBe(2400); // 2,400 ≤ 2 × 1,400 + 1,000: kept
    const one = evaluateRules(stopped("group-0"), CATALOG, [], [], keys);
    expect(keys.held).toBe(0); // 2,400 > 2 × 2 + 1,000: forgotten
    const again = evaluateRules(stopped("group-0"), CATALOG, [], [], keys);
    expect(again.map((breach) => breach.key)).toEqual(one.map((breach) => breach.key));
    expect(keys.held).toBe(2);
  });

  it("hands out last evaluation's breach again when it says exactly the same, and a new one when anything moved", () => {
    const keys = new AlertKeys("local");
    const stuck = (breaches: ReturnType<typeof evaluateRules>) => breaches.find((breach) => breach.rule === "group-stuck")!;
    const snapshotWithLag = (lag: number) => snapshotOf({ groups: [groupOf("analytics-etl", "orders.created", { status: "STOPPED", lag })] });
    const first = stuck(evaluateRules(snapshotWithLag(3), CATALOG, [], [], keys));
    expect(stuck(evaluateRules(snapshotWithLag(3), CATALOG, [], [], keys))).toBe(first);
    const moved = stuck(evaluateRules(snapshotWithLag(4), CATALOG, [], [], keys));
    expect(moved).not.toBe(first);
    expect(moved).toEqual({ ...first, value: 4 });
    expect(first.summary).toBe("analytics-etl is STOPPED on orders.created: STOPPED for a reason");
    // The same figures with another reason: a new summary text.
    const rewound = stuck(evaluateRules(snapshotOf({ groups: [groupOf("analytics-etl", "orders.created", { status: "REWOUND", lag: 4 })] }), CATALOG, [], [], keys));
    expect(rewound.summary).toBe("analytics-etl is REWOUND on orders.created: REWOUND for a reason");
    const back = stuck(evaluateRules(snapshotWithLag(4), CATALOG, [], [], keys));
    expect(back).not.toBe(moved);
    expect(back).toEqual(moved);
    // The team's override changes the severity and the wait: a new breach, which is then the one handed out again.
    const override = { team: "data-platform", rule: "group-stuck" as const, enabled: true, forSec: 60, severity: "warning" as const, threshold: null };
    const overridden = stuck(evaluateRules(snapshotWithLag(4), CATALOG, [override], [], keys));
    expect([overridden.severity, overridden.forSec]).toEqual(["warning", 60]);
    expect(stuck(evaluateRules(snapshotWithLag(4), CATALOG, [override], [], keys))).toBe(overridden);
    // Custom rules too.
    const rule = { team: "commerce", name: "quiet", metric: "topic_messages_per_second" as const, comparison: "<" as const, threshold: 1, forSec: 60, severity: "info" as const, enabled: true };
    const quiet = () => evaluateRules(snapshotOf({ topics: [topicOf("orders.created", 0.5)] }), CATALOG, [], [rule], keys).find((breach) => breach.rule === "custom:commerce:quiet");
    expect(quiet()).toBe(quiet());
  });

  it("refuses another cluster's snapshot", () => {
    expect(() => evaluateRules(stopped("analytics-etl"), CATALOG, [], [], new AlertKeys("other"))).toThrow('alert keys of cluster "other" used for "local"');
  });
});
