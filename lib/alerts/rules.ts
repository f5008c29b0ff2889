// The built-in alert rules and the vocabulary of team rules. No "server-only": the rules page,
// the shared zod schemas and the Prometheus export all read these definitions.

export const SEVERITIES = ["critical", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const BUILTIN_RULE_IDS = ["time-lag-objective", "group-stuck", "conformance-low", "undocumented-consumer", "unowned-topic-traffic"] as const;
export type BuiltinRuleId = (typeof BUILTIN_RULE_IDS)[number];

/** What a team's extra rule measures: per group × topic for group_*, per owned topic otherwise. */
export const RULE_METRICS = ["group_lag_messages", "group_time_lag_seconds", "topic_messages_per_second", "conformance_ratio"] as const;
export type RuleMetric = (typeof RULE_METRICS)[number];

export const COMPARISONS = [">", ">=", "<", "<="] as const;
export type Comparison = (typeof COMPARISONS)[number];

export type BuiltinRule = {
  id: BuiltinRuleId;
  name: string;
  description: string;
  /** How long the condition must hold before the alert fires. */
  forSec: number;
  severity: Severity;
  /** The rule's own threshold, when it has one (conformance ratio); a team override may replace it. */
  threshold: number | null;
  /** What an override's threshold means for this rule, or null when it takes none. */
  thresholdMeaning: string | null;
};

export const BUILTIN_RULES: readonly BuiltinRule[] = [
  {
    id: "time-lag-objective",
    name: "Time lag above the lag objective",
    description: "A consumer group is further behind on a topic than the topic's contract allows (lagObjectiveSec).",
    forSec: 30,
    severity: "warning",
    threshold: null,
    thresholdMeaning: "seconds of time lag, instead of the contract's objective",
  },
  {
    id: "group-stuck",
    name: "Consumer group stalled, stopped or rewound",
    description: "A consumer group's status on a topic is STALLED, STOPPED or REWOUND.",
    forSec: 30,
    severity: "critical",
    threshold: null,
    thresholdMeaning: null,
  },
  {
    id: "conformance-low",
    name: "Contract conformance below threshold",
    description: "The share of sampled records that match the topic's JSON Schema is below the threshold.",
    forSec: 60,
    severity: "warning",
    threshold: 0.99,
    thresholdMeaning: "lowest acceptable share of conforming records (0–1)",
  },
  {
    id: "undocumented-consumer",
    name: "Undocumented group reads an owned topic",
    description: "A consumer group that no service lists reads a topic that has a contract.",
    forSec: 120,
    severity: "info",
    threshold: null,
    thresholdMeaning: null,
  },
  {
    id: "unowned-topic-traffic",
    name: "Topic with traffic and no owner",
    description: "Records are written to a topic that no contract describes.",
    forSec: 120,
    severity: "info",
    threshold: null,
    thresholdMeaning: null,
  },
];

export function getBuiltinRule(id: string): BuiltinRule | undefined {
  return BUILTIN_RULES.find((rule) => rule.id === id);
}

export const STUCK_STATUSES = new Set(["STALLED", "STOPPED", "REWOUND"]);

export function compare(value: number, comparison: Comparison, threshold: number): boolean {
  switch (comparison) {
    case ">":
      return value > threshold;
    case ">=":
      return value >= threshold;
    case "<":
      return value < threshold;
    case "<=":
      return value <= threshold;
  }
}

/** The rule id of a team's extra rule: unique across teams, stable across edits of its threshold. */
export const customRuleId = (team: string, name: string) => `custom:${team}:${name}`;

/** The dedup key of an alert: one live alert per rule, cluster, group and topic. */
export const alertKey = (rule: string, cluster: string, groupId: string | null, topic: string | null) => JSON.stringify([rule, cluster, groupId, topic]);
