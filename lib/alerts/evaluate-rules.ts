// Which alert conditions hold in one snapshot: pure, so the rules are unit-tested without Kafka
// or a database. lib/alerts/evaluate.ts feeds it the catalog and the teams' rules.
import type { ClusterSnapshot, GroupSnapshot, GroupTopicSummary } from "@/lib/collector/types";
import { isInternalTopic } from "@/lib/catalog/live-join";
import { formatDuration } from "@/lib/format";
import {
  BUILTIN_RULES, STUCK_STATUSES, alertKey, compare, customRuleId,
  type BuiltinRuleId, type Comparison, type RuleMetric, type Severity,
} from "@/lib/alerts/rules";

export type AlertCatalog = {
  contracts: { cluster: string; topic: string; lagObjectiveSec: number | null; ownerService: string; ownerTeam: string }[];
  /** Consumer group id → the service that lists it and its team. */
  groups: { groupId: string; service: string; team: string }[];
};

export type RuleOverride = { team: string; rule: BuiltinRuleId; enabled: boolean; forSec: number; severity: Severity; threshold: number | null };
export type CustomRule = {
  team: string;
  name: string;
  metric: RuleMetric;
  comparison: Comparison;
  threshold: number;
  forSec: number;
  severity: Severity;
  enabled: boolean;
};

/** A condition that holds now; the lifecycle decides whether it is pending or firing. */
export type Breach = {
  key: string;
  rule: string;
  ruleName: string;
  cluster: string;
  groupId: string | null;
  topic: string | null;
  team: string | null;
  service: string | null;
  severity: Severity;
  forSec: number;
  value: number | null;
  threshold: number | null;
  summary: string;
};

type Target = Pick<Breach, "groupId" | "topic" | "team" | "service" | "value" | "threshold" | "summary">;

const ratio = (checked: number, violations: number) => (checked - violations) / checked;
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/**
 * One cluster's alert keys, made once and handed out again while their condition holds: at 10,000
 * stopped groups, 30,000 alerts are evaluated every sample, and a fresh JSON text per alert, hashed
 * again by each lookup, was a good part of that work. Kept from one evaluation to the next.
 */
export class AlertKeys {
  /** rule → group id → topic → key (null: an alert on no group, or on no topic). */
  private readonly byRule = new Map<string, Map<string | null, Map<string | null, string>>>();
  private size = 0;
  private asked = 0;

  constructor(readonly cluster: string) {}

  key(rule: string, groupId: string | null, topic: string | null): string {
    this.asked += 1;
    let byGroup = this.byRule.get(rule);
    if (!byGroup) this.byRule.set(rule, (byGroup = new Map()));
    let byTopic = byGroup.get(groupId);
    if (!byTopic) byGroup.set(groupId, (byTopic = new Map()));
    let key = byTopic.get(topic);
    if (key === undefined) {
      byTopic.set(topic, (key = alertKey(rule, this.cluster, groupId, topic)));
      this.size += 1;
    }
    return key;
  }

  /** How many keys it holds. */
  get held(): number {
    return this.size;
  }

  /** After an evaluation: when most keys held were not asked for (their conditions cleared), starts afresh, so the memo stays near the size of what breaches. */
  settle(): void {
    if (this.size > 2 * this.asked + 1000) {
      this.byRule.clear();
      this.size = 0;
    }
    this.asked = 0;
  }
}

/** `keys`: the cluster's keys from the evaluations before (a fresh AlertKeys makes every key anew). */
export function evaluateRules(
  snapshot: ClusterSnapshot, catalog: AlertCatalog, overrides: RuleOverride[], custom: CustomRule[], keys = new AlertKeys(snapshot.cluster),
): Breach[] {
  const cluster = snapshot.cluster;
  if (keys.cluster !== cluster) throw new Error(`alert keys of cluster "${keys.cluster}" used for "${cluster}"`);
  const contracts = new Map(catalog.contracts.filter((contract) => contract.cluster === cluster).map((contract) => [contract.topic, contract]));
  const owners = new Map(catalog.groups.map((entry) => [entry.groupId, entry]));
  const overrideOf = (team: string | null, rule: BuiltinRuleId) => overrides.find((entry) => entry.team === team && entry.rule === rule);
  const breaches: Breach[] = [];

  // One breach object per condition, written once: at 10,000 stopped groups this runs for 30,000
  // alerts on every sample, and intermediate objects per group and topic doubled the garbage.
  const builtin = (rule: BuiltinRuleId, find: (threshold: number | null, found: (target: Target) => void) => void) => {
    const definition = BUILTIN_RULES.find((entry) => entry.id === rule)!;
    // Each team's override applies to the alerts that go to that team; evaluate per threshold.
    find(definition.threshold, (target) => {
      const override = overrideOf(target.team, rule);
      if (override && !override.enabled) return;
      breaches.push({
        groupId: target.groupId,
        topic: target.topic,
        team: target.team,
        service: target.service,
        value: target.value,
        threshold: target.threshold,
        summary: target.summary,
        key: keys.key(rule, target.groupId, target.topic),
        rule,
        ruleName: definition.name,
        cluster,
        severity: override?.severity ?? definition.severity,
        forSec: override?.forSec ?? definition.forSec,
      });
    });
  };
  const thresholdFor = (team: string | null, rule: BuiltinRuleId, fallback: number | null) => overrideOf(team, rule)?.threshold ?? fallback;
  const teamOf = (group: GroupSnapshot, summary: GroupTopicSummary) => owners.get(group.groupId)?.team ?? contracts.get(summary.topic)?.ownerTeam ?? null;
  const eachGroupTopic = (visit: (group: GroupSnapshot, summary: GroupTopicSummary) => void) => {
    for (const group of snapshot.groups) for (const summary of group.topics) visit(group, summary);
  };

  builtin("time-lag-objective", (_, found) =>
    eachGroupTopic((group, summary) => {
      const contract = contracts.get(summary.topic);
      const team = teamOf(group, summary);
      const objective = thresholdFor(team, "time-lag-objective", contract?.lagObjectiveSec ?? null);
      if (objective === null || summary.timeLagSeconds === null || summary.timeLagSeconds <= objective) return;
      const summaryText = `${group.groupId} is ${formatDuration(summary.timeLagSeconds)} behind on ${summary.topic} (objective ${formatDuration(objective)})`;
      found({ groupId: group.groupId, topic: summary.topic, team, service: owners.get(group.groupId)?.service ?? null, value: summary.timeLagSeconds, threshold: objective, summary: summaryText });
    }),
  );
  builtin("group-stuck", (_, found) =>
    eachGroupTopic((group, summary) => {
      if (!STUCK_STATUSES.has(summary.status)) return;
      found({
        groupId: group.groupId, topic: summary.topic, team: teamOf(group, summary), service: owners.get(group.groupId)?.service ?? null, value: summary.lag, threshold: null,
        summary: `${group.groupId} is ${summary.status} on ${summary.topic}: ${summary.statusReason}`,
      });
    }),
  );
  builtin("conformance-low", (fallback, found) => {
    for (const entry of snapshot.conformance) {
      const contract = contracts.get(entry.topic);
      if (!contract || entry.checked === 0) continue;
      const threshold = thresholdFor(contract.ownerTeam, "conformance-low", fallback) ?? 1;
      const value = ratio(entry.checked, entry.violations);
      if (value >= threshold) continue;
      const summaryText = `${percent(value)} of sampled records on ${entry.topic} match its contract (threshold ${percent(threshold)}; ${entry.violations} of ${entry.checked} broke it)`;
      found({ groupId: null, topic: entry.topic, team: contract.ownerTeam, service: contract.ownerService, value, threshold, summary: summaryText });
    }
  });
  builtin("undocumented-consumer", (_, found) =>
    eachGroupTopic((group, summary) => {
      const contract = contracts.get(summary.topic);
      if (!contract || owners.has(group.groupId)) return;
      const summaryText = `${group.groupId}, listed by no service, reads ${summary.topic} (owned by ${contract.ownerService})`;
      found({ groupId: group.groupId, topic: summary.topic, team: contract.ownerTeam, service: contract.ownerService, value: summary.lag, threshold: null, summary: summaryText });
    }),
  );
  builtin("unowned-topic-traffic", (_, found) => {
    for (const topic of snapshot.topics) {
      if (isInternalTopic(topic) || contracts.has(topic.name) || !((topic.messagesPerSec ?? 0) > 0)) continue;
      found({ groupId: null, topic: topic.name, team: null, service: null, value: topic.messagesPerSec, threshold: 0, summary: `${topic.name} takes ${topic.messagesPerSec!.toFixed(1)} msg/s and no contract describes it` });
    }
  });

  for (const rule of custom.filter((entry) => entry.enabled)) {
    for (const target of measure(rule.metric, rule.team, snapshot, catalog, contracts)) {
      if (target.value === null || !compare(target.value, rule.comparison, rule.threshold)) continue;
      const id = customRuleId(rule.team, rule.name);
      breaches.push({
        ...target,
        key: keys.key(id, target.groupId, target.topic),
        rule: id,
        ruleName: rule.name,
        cluster,
        team: rule.team,
        severity: rule.severity,
        forSec: rule.forSec,
        threshold: rule.threshold,
        summary: `${rule.name}: ${rule.metric} of ${target.groupId ? `${target.groupId} on ` : ""}${target.topic} is ${round(target.value)} (${rule.comparison} ${rule.threshold})`,
      });
    }
  }
  keys.settle();
  return breaches;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** The values of `metric` over what `team` owns: its services' groups, or its contracts' topics. */
function measure(metric: RuleMetric, team: string, snapshot: ClusterSnapshot, catalog: AlertCatalog, contracts: Map<string, AlertCatalog["contracts"][number]>) {
  type Measured = { groupId: string | null; topic: string; service: string | null; value: number | null };
  const results: Measured[] = [];
  if (metric === "group_lag_messages" || metric === "group_time_lag_seconds") {
    for (const owner of catalog.groups.filter((entry) => entry.team === team)) {
      const group = snapshot.groups.find((candidate) => candidate.groupId === owner.groupId);
      for (const summary of group?.topics ?? []) {
        results.push({ groupId: owner.groupId, topic: summary.topic, service: owner.service, value: metric === "group_lag_messages" ? summary.lag : summary.timeLagSeconds });
      }
    }
    return results;
  }
  for (const contract of contracts.values()) {
    if (contract.ownerTeam !== team) continue;
    if (metric === "topic_messages_per_second") {
      const topic = snapshot.topics.find((candidate) => candidate.name === contract.topic);
      if (topic) results.push({ groupId: null, topic: contract.topic, service: contract.ownerService, value: topic.messagesPerSec });
    } else {
      const entry = snapshot.conformance.find((candidate) => candidate.topic === contract.topic);
      if (entry && entry.checked > 0) results.push({ groupId: null, topic: contract.topic, service: contract.ownerService, value: ratio(entry.checked, entry.violations) });
    }
  }
  return results;
}
