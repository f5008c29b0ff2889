// The built-in rules as Prometheus alerting rules over /api/metrics (lib/collector/prometheus.ts),
// for teams that route alerts through their own Prometheus. Pure: the catalog and overrides in,
// YAML out. Objectives, owners and teams' overrides are written into each rule, so re-export after
// catalog changes.
import { stringify } from "yaml";
import { BUILTIN_RULES, type BuiltinRuleId, type Severity } from "@/lib/alerts/rules";
import type { AlertCatalog, RuleOverride } from "@/lib/alerts/evaluate-rules";

type PromRule = { alert: string; expr: string; for: string; labels: Record<string, string>; annotations: Record<string, string> };

// PromQL string literals take Go's escapes; JSON's are a subset of them.
const quote = (value: string) => JSON.stringify(value);
// RE2 metacharacters, so names are matched literally inside =~ and !~.
const literal = (value: string) => value.replace(/[\\.^$|?*+()[\]{}]/g, "\\$&");
const anyOf = (values: string[]) => quote(values.map(literal).join("|"));
const duration = (seconds: number) => `${Math.max(0, Math.round(seconds))}s`;
/** Alert names must be a valid label value only, but a stable CamelCase name reads better in Alertmanager. */
const ALERT_NAMES: Record<BuiltinRuleId, string> = {
  "time-lag-objective": "TributaryTimeLagAboveObjective",
  "group-stuck": "TributaryConsumerGroupStuck",
  "conformance-low": "TributaryContractConformanceLow",
  "undocumented-consumer": "TributaryUndocumentedConsumer",
  "unowned-topic-traffic": "TributaryUnownedTopicTraffic",
};

export function renderPrometheusRules(catalog: AlertCatalog, overrides: RuleOverride[], clusters: string[]): string {
  const settings = (rule: BuiltinRuleId, team: string | null) => {
    const definition = BUILTIN_RULES.find((entry) => entry.id === rule)!;
    const override = overrides.find((entry) => entry.team === team && entry.rule === rule);
    return {
      enabled: override?.enabled ?? true,
      forSec: override?.forSec ?? definition.forSec,
      severity: (override?.severity ?? definition.severity) as Severity,
      threshold: override?.threshold ?? definition.threshold,
    };
  };
  // cluster (and topic, where the rule is per contract) are labels too: promtool refuses two rules
  // with one name and the same labels, and they are what a team routes and silences on.
  const rule = (id: BuiltinRuleId, expr: string, team: string | null, labels: Record<string, string>, summary: string): PromRule[] => {
    const { enabled, forSec, severity } = settings(id, team);
    if (!enabled) return [];
    return [{ alert: ALERT_NAMES[id], expr, for: duration(forSec), labels: { rule: id, severity, ...(team ? { team } : {}), ...labels }, annotations: { summary } }];
  };
  const groups = clusters.map((cluster) => {
    const contracts = catalog.contracts.filter((contract) => contract.cluster === cluster);
    const documented = catalog.groups.map((entry) => entry.groupId);
    const rules: PromRule[] = [];
    for (const contract of contracts) {
      const selector = `cluster=${quote(cluster)},topic=${quote(contract.topic)}`;
      const at = { cluster, topic: contract.topic };
      // The consumer's team hears about its own lag; groups no service lists go to the topic's owner.
      for (const owner of catalog.groups) {
        const objective = settings("time-lag-objective", owner.team).threshold ?? contract.lagObjectiveSec;
        if (objective === null) continue;
        rules.push(
          ...rule("time-lag-objective", `tributary_consumer_group_lag_seconds{${selector},group=${quote(owner.groupId)}} > ${objective}`, owner.team, { ...at, group: owner.groupId, service: owner.service },
            `{{ $labels.group }} is {{ $value | humanizeDuration }} behind on {{ $labels.topic }} (objective ${objective}s)`),
        );
      }
      const ownerObjective = settings("time-lag-objective", contract.ownerTeam).threshold ?? contract.lagObjectiveSec;
      if (ownerObjective !== null) {
        rules.push(
          ...rule("time-lag-objective", `tributary_consumer_group_lag_seconds{${selector},group!~${anyOf(documented)}} > ${ownerObjective}`, contract.ownerTeam, { ...at, service: contract.ownerService },
            `{{ $labels.group }} is {{ $value | humanizeDuration }} behind on {{ $labels.topic }} (objective ${ownerObjective}s)`),
        );
      }
      const conformance = settings("conformance-low", contract.ownerTeam).threshold ?? 1;
      const window = `${Math.max(300, settings("conformance-low", contract.ownerTeam).forSec)}s`;
      rules.push(
        ...rule(
          "conformance-low",
          `(1 - increase(tributary_conformance_violations_total{${selector}}[${window}]) / increase(tributary_conformance_checked_total{${selector}}[${window}])) < ${conformance}`,
          contract.ownerTeam,
          { ...at, service: contract.ownerService },
          `{{ $value | humanizePercentage }} of sampled records on {{ $labels.topic }} match its contract (threshold ${conformance})`,
        ),
      );
      rules.push(
        ...rule("undocumented-consumer", `tributary_consumer_group_lag_messages{${selector},group!~${anyOf(documented)}}`, contract.ownerTeam, { ...at, service: contract.ownerService },
          `{{ $labels.group }}, listed by no service, reads {{ $labels.topic }}`),
      );
    }
    for (const owner of catalog.groups) {
      // 3 REWOUND, 4 STALLED, 5 STOPPED (tributary_consumer_group_status).
      rules.push(
        ...rule("group-stuck", `tributary_consumer_group_status{cluster=${quote(cluster)},group=${quote(owner.groupId)}} >= 3`, owner.team, { cluster, group: owner.groupId, service: owner.service },
          `{{ $labels.group }} is stalled, stopped or rewound on {{ $labels.topic }}`),
      );
    }
    rules.push(
      ...rule("group-stuck", `tributary_consumer_group_status{cluster=${quote(cluster)},group!~${anyOf(documented)}} >= 3`, null, { cluster },
        `{{ $labels.group }} is stalled, stopped or rewound on {{ $labels.topic }}`),
    );
    const owned = [...contracts.map((contract) => literal(contract.topic)), "__.*"].join("|");
    rules.push(
      ...rule("unowned-topic-traffic", `tributary_topic_messages_per_second{cluster=${quote(cluster)},topic!~${quote(owned)}} > 0`, null, { cluster },
        `{{ $labels.topic }} takes {{ $value | humanize }} msg/s and no contract describes it`),
    );
    return { name: `tributary-${cluster}`, rules };
  });
  return `# Generated by Tributary from the catalog (GET /api/alerts/prometheus-rules). Re-export after catalog changes.\n${stringify({ groups }, { lineWidth: 0 })}`;
}
