import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renderPrometheusRules } from "@/lib/alerts/prometheus-rules";
import { CATALOG } from "@/lib/alerts/test-fixtures";

describe("Prometheus rules export", () => {
  it("writes the objective and owner into each rule, and quotes names literally", () => {
    const catalog = { ...CATALOG, contracts: [...CATALOG.contracts, { cluster: "local", topic: "a.b+c", lagObjectiveSec: 5, ownerService: "x", ownerTeam: "t\"q" }] };
    const document = parse(renderPrometheusRules(catalog, [{ team: "trust", rule: "time-lag-objective", enabled: true, forSec: 5, severity: "critical", threshold: null }], ["local"]));
    const rules = document.groups[0].rules as { alert: string; expr: string; for: string; labels: Record<string, string> }[];
    expect(document.groups[0].name).toBe("tributary-local");
    expect(rules.find((rule) => rule.labels.team === "trust" && rule.labels.rule === "time-lag-objective" && rule.expr.includes('"orders.created"'))).toEqual({
      alert: "TributaryTimeLagAboveObjective",
      expr: 'tributary_consumer_group_lag_seconds{cluster="local",topic="orders.created",group="fraud-detection"} > 60',
      for: "5s",
      labels: { rule: "time-lag-objective", severity: "critical", team: "trust", cluster: "local", topic: "orders.created", group: "fraud-detection", service: "fraud-detection" },
      annotations: expect.any(Object),
    });
    const unowned = rules.find((rule) => rule.alert === "TributaryUnownedTopicTraffic")!;
    expect(unowned.expr).toBe('tributary_topic_messages_per_second{cluster="local",topic!~"orders\\\\.created|payments\\\\.authorized|a\\\\.b\\\\+c|__.*"} > 0');
    expect(rules.some((rule) => rule.labels.team === 't"q')).toBe(true);
  });

  it("leaves out rules a team turned off", () => {
    const document = parse(renderPrometheusRules(CATALOG, [{ team: "data-platform", rule: "group-stuck", enabled: false, forSec: 0, severity: "info", threshold: null }], ["local"]));
    const stuck = document.groups[0].rules.filter((rule: { labels: Record<string, string> }) => rule.labels.rule === "group-stuck");
    expect(stuck.map((rule: { labels: Record<string, string> }) => rule.labels.team ?? null)).toEqual(["trust", null]);
  });
});

describe("Prometheus rules export, promtool's duplicate lint", () => {
  it("gives no two rules the same name and labels, also when a topic's owner consumes it", () => {
    const catalog = {
      contracts: [
        { cluster: "local", topic: "a", lagObjectiveSec: 5, ownerService: "svc", ownerTeam: "team" },
        { cluster: "local", topic: "b", lagObjectiveSec: 5, ownerService: "svc", ownerTeam: "team" },
      ],
      groups: [
        { groupId: "g1", service: "svc", team: "team" },
        { groupId: "g2", service: "svc", team: "team" },
      ],
    };
    const rules = parse(renderPrometheusRules(catalog, [], ["local", "other"])).groups.flatMap((group: { rules: { alert: string; labels: Record<string, string> }[] }) => group.rules);
    const keys = rules.map((rule: { alert: string; labels: Record<string, string> }) => JSON.stringify([rule.alert, Object.entries(rule.labels).sort()]));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
