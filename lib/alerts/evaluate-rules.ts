// Which alert conditions hold in one snapshot: pure, so the rules are unit-tested without Kafka
// or a database. lib/alerts/evaluate.ts feeds it the catalog and the teams' rules.
import type { ClusterSnapshot, GroupSnapshot, GroupTopicSummary } from "@/lib/collector/types";
import { isInternalTopic } from "@/lib/catalog/live-join";
import { formatDuration } from "@/lib/format";
import {
  BUILTIN_RULES, STUCK_STATUSES, alertKey, compare, customRuleId,
  type BuiltinRule, type BuiltinRuleId, type Comparison, type RuleMetric, type Severity,
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

/**
 * What a built-in rule found. `summary` is the text in pieces: joined only when the breach its key
 * last went with says something else (see AlertKeys), as a template's string would be made, kept
 * and flattened for every alert of every sample (30,000 at 10,000 stopped groups).
 */
type Target = Pick<Breach, "groupId" | "topic" | "team" | "service" | "value" | "threshold"> & { summary: readonly string[] };

const ratio = (checked: number, violations: number) => (checked - violations) / checked;
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/** An alert key, and the breach last handed out with it (null: none yet, or since forgotten). */
export type KeptAlert = { readonly key: string; last: Breach | null };

/**
 * One cluster's alert keys, made once and handed out again while their condition holds: at 10,000
 * stopped groups, 30,000 alerts are evaluated every sample, and a fresh JSON text per alert, hashed
 * again by each lookup, was a good part of that work. Kept from one evaluation to the next, with the
 * breach each key last went with: a breach that says exactly what it said the last time is that
 * same object again (handOut), rather than a copy that outlives V8's young generation (the
 * evaluation's statements take a few round trips to PostgreSQL) only to be collected a sample later.
 */
export class AlertKeys {
  /** rule → group id → topic → key (null: an alert on no group, or on no topic). */
  private readonly byRule = new Map<string, Map<string | null, Map<string | null, KeptAlert>>>();
  private size = 0;
  private asked = 0;

  constructor(readonly cluster: string) {}

  key(rule: string, groupId: string | null, topic: string | null): string {
    return this.entry(rule, groupId, topic).key;
  }

  entry(rule: string, groupId: string | null, topic: string | null): KeptAlert {
    this.asked += 1;
    let byGroup = this.byRule.get(rule);
    if (!byGroup) this.byRule.set(rule, (byGroup = new Map()));
    let byTopic = byGroup.get(groupId);
    if (!byTopic) byGroup.set(groupId, (byTopic = new Map()));
    let kept = byTopic.get(topic);
    if (kept === undefined) {
      byTopic.set(topic, (kept = { key: alertKey(rule, this.cluster, groupId, topic), last: null }));
      this.size += 1;
    }
    return kept;
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

/** Whether `text` is `pieces` joined, read in place (no string made). */
function joinsTo(text: string, pieces: readonly string[]): boolean {
  let at = 0;
  for (const piece of pieces) {
    if (!text.startsWith(piece, at)) return false;
    at += piece.length;
  }
  return at === text.length;
}

/** `keys`: the cluster's keys from the evaluations before (a fresh AlertKeys makes every key anew). */
export function evaluateRules(
  snapshot: ClusterSnapshot, catalog: AlertCatalog, overrides: RuleOverride[], custom: CustomRule[], keys = new AlertKeys(snapshot.cluster),
): Breach[] {
  if (keys.cluster !== snapshot.cluster) throw new Error(`alert keys of cluster "${keys.cluster}" used for "${snapshot.cluster}"`);
  const evaluation = new RuleEvaluation(snapshot, catalog, overrides, keys);
  evaluation.timeLagObjective();
  evaluation.groupStuck();
  evaluation.conformanceLow();
  evaluation.undocumentedConsumer();
  evaluation.unownedTopicTraffic();
  for (const rule of custom) if (rule.enabled) evaluation.custom(rule);
  keys.settle();
  return evaluation.breaches;
}

type Contract = AlertCatalog["contracts"][number];

/**
 * One evaluation: each rule a method, every loop over the groups and topics written out. Methods
 * rather than closures made by each evaluation: V8 keeps the optimized code of closures made at
 * one place only while one of them lives, so the full collection between two samples dropped it,
 * and every sample ran the rules' loops unoptimized and compiled them again (BENCHMARKS.md,
 * "closures compiled again every sample").
 */
class RuleEvaluation {
  readonly breaches: Breach[] = [];
  private readonly cluster: string;
  private readonly contracts = new Map<string, Contract>();
  private readonly owners = new Map<string, AlertCatalog["groups"][number]>();

  constructor(
    private readonly snapshot: ClusterSnapshot,
    private readonly catalog: AlertCatalog,
    private readonly overrides: readonly RuleOverride[],
    private readonly keys: AlertKeys,
  ) {
    this.cluster = snapshot.cluster;
    for (const contract of catalog.contracts) if (contract.cluster === this.cluster) this.contracts.set(contract.topic, contract);
    for (const entry of catalog.groups) this.owners.set(entry.groupId, entry);
  }

  // A loop rather than find: no closure per call (every group and topic asks, for more than one rule).
  private overrideOf(team: string | null, rule: BuiltinRuleId): RuleOverride | undefined {
    for (const entry of this.overrides) if (entry.team === team && entry.rule === rule) return entry;
    return undefined;
  }

  private thresholdFor(team: string | null, rule: BuiltinRuleId, fallback: number | null): number | null {
    return this.overrideOf(team, rule)?.threshold ?? fallback;
  }

  private teamOf(group: GroupSnapshot, summary: GroupTopicSummary): string | null {
    return this.owners.get(group.groupId)?.team ?? this.contracts.get(summary.topic)?.ownerTeam ?? null;
  }

  private serviceOf(group: GroupSnapshot): string | null {
    return this.owners.get(group.groupId)?.service ?? null;
  }

  /**
   * The breach `kept`'s key last went with when this one says the same, else a new one, kept as
   * the last. Compared before anything is made: V8 allocates straight into its old generation at
   * a site whose objects have mostly survived (as the first evaluations' breaches do, all new),
   * so even a breach made only to be compared and dropped would wait there for a full collection.
   * The rule, its name and the cluster follow from the key.
   */
  private handOut(kept: KeptAlert, rule: string, ruleName: string, target: Target, severity: Severity, forSec: number): Breach {
    const last = kept.last;
    const summary = last !== null && joinsTo(last.summary, target.summary) ? last.summary : target.summary.join("");
    const same =
      last !== null &&
      last.summary === summary &&
      last.team === target.team &&
      last.service === target.service &&
      last.value === target.value &&
      last.threshold === target.threshold &&
      last.severity === severity &&
      last.forSec === forSec &&
      last.ruleName === ruleName;
    if (same) return last;
    const { groupId, topic, team, service, value, threshold } = target;
    const cluster = this.cluster;
    return (kept.last = { key: kept.key, rule, ruleName, cluster, groupId, topic, team, service, severity, forSec, value, threshold, summary });
  }

  /**
   * One breach object per condition, written once: at 10,000 stopped groups this runs for 30,000
   * alerts on every sample, and intermediate objects per group and topic doubled the garbage.
   * Each team's override applies to the alerts that go to that team.
   */
  private found(rule: BuiltinRuleId, target: Target): void {
    const definition = builtinRule(rule);
    const override = this.overrideOf(target.team, rule);
    if (override && !override.enabled) return;
    const kept = this.keys.entry(rule, target.groupId, target.topic);
    this.breaches.push(this.handOut(kept, rule, definition.name, target, override?.severity ?? definition.severity, override?.forSec ?? definition.forSec));
  }

  timeLagObjective(): void {
    for (const group of this.snapshot.groups) {
      for (const summary of group.topics) {
        const contract = this.contracts.get(summary.topic);
        const team = this.teamOf(group, summary);
        const objective = this.thresholdFor(team, "time-lag-objective", contract?.lagObjectiveSec ?? null);
        if (objective === null || summary.timeLagSeconds === null || summary.timeLagSeconds <= objective) continue;
        const summaryText = [group.groupId, " is ", formatDuration(summary.timeLagSeconds), " behind on ", summary.topic, " (objective ", formatDuration(objective), ")"];
        this.found("time-lag-objective", {
          groupId: group.groupId, topic: summary.topic, team, service: this.serviceOf(group), value: summary.timeLagSeconds, threshold: objective, summary: summaryText,
        });
      }
    }
  }

  groupStuck(): void {
    for (const group of this.snapshot.groups) {
      for (const summary of group.topics) {
        if (!STUCK_STATUSES.has(summary.status)) continue;
        this.found("group-stuck", {
          groupId: group.groupId, topic: summary.topic, team: this.teamOf(group, summary), service: this.serviceOf(group), value: summary.lag, threshold: null,
          summary: [group.groupId, " is ", summary.status, " on ", summary.topic, ": ", summary.statusReason],
        });
      }
    }
  }

  conformanceLow(): void {
    const fallback = builtinRule("conformance-low").threshold;
    for (const entry of this.snapshot.conformance) {
      const contract = this.contracts.get(entry.topic);
      if (!contract || entry.checked === 0) continue;
      const threshold = this.thresholdFor(contract.ownerTeam, "conformance-low", fallback) ?? 1;
      const value = ratio(entry.checked, entry.violations);
      if (value >= threshold) continue;
      const summaryText = [`${percent(value)} of sampled records on `, entry.topic, ` match its contract (threshold ${percent(threshold)}; ${entry.violations} of ${entry.checked} broke it)`];
      this.found("conformance-low", { groupId: null, topic: entry.topic, team: contract.ownerTeam, service: contract.ownerService, value, threshold, summary: summaryText });
    }
  }

  undocumentedConsumer(): void {
    for (const group of this.snapshot.groups) {
      for (const summary of group.topics) {
        const contract = this.contracts.get(summary.topic);
        if (!contract || this.owners.has(group.groupId)) continue;
        const summaryText = [group.groupId, ", listed by no service, reads ", summary.topic, " (owned by ", contract.ownerService, ")"];
        this.found("undocumented-consumer", {
          groupId: group.groupId, topic: summary.topic, team: contract.ownerTeam, service: contract.ownerService, value: summary.lag, threshold: null, summary: summaryText,
        });
      }
    }
  }

  unownedTopicTraffic(): void {
    for (const topic of this.snapshot.topics) {
      if (isInternalTopic(topic) || this.contracts.has(topic.name) || !((topic.messagesPerSec ?? 0) > 0)) continue;
      this.found("unowned-topic-traffic", {
        groupId: null, topic: topic.name, team: null, service: null, value: topic.messagesPerSec, threshold: 0,
        summary: [topic.name, ` takes ${topic.messagesPerSec!.toFixed(1)} msg/s and no contract describes it`],
      });
    }
  }

  custom(rule: CustomRule): void {
    for (const target of measure(rule.metric, rule.team, this.snapshot, this.catalog, this.contracts)) {
      if (target.value === null || !compare(target.value, rule.comparison, rule.threshold)) continue;
      const id = customRuleId(rule.team, rule.name);
      const kept = this.keys.entry(id, target.groupId, target.topic);
      const summary = [`${rule.name}: ${rule.metric} of ${target.groupId ? `${target.groupId} on ` : ""}${target.topic} is ${round(target.value)} (${rule.comparison} ${rule.threshold})`];
      this.breaches.push(this.handOut(kept, id, rule.name, { ...target, team: rule.team, threshold: rule.threshold, summary }, rule.severity, rule.forSec));
    }
  }
}

const BUILTIN_BY_ID = new Map(BUILTIN_RULES.map((rule) => [rule.id, rule]));

function builtinRule(rule: BuiltinRuleId): BuiltinRule {
  return BUILTIN_BY_ID.get(rule)!;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** The values of `metric` over what `team` owns: its services' groups, or its contracts' topics. */
function measure(metric: RuleMetric, team: string, snapshot: ClusterSnapshot, catalog: AlertCatalog, contracts: ReadonlyMap<string, Contract>) {
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
