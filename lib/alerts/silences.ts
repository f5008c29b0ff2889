// Silence matching, pure. A silence mutes the notifications of every alert whose labels match all
// its matchers (exact values) while it is active; the alert itself still shows, as "silenced".

export const SILENCE_LABELS = ["alertname", "team", "service", "cluster", "group", "topic", "severity"] as const;
export type SilenceLabel = (typeof SILENCE_LABELS)[number];
export type SilenceMatcher = { label: SilenceLabel; value: string };
export type SilenceWindow = { matchers: SilenceMatcher[]; startsAt: number; endsAt: number };

export type AlertLabelSource = {
  rule: string;
  team: string | null;
  service: string | null;
  cluster: string;
  groupId: string | null;
  topic: string | null;
  severity: string;
};

/** The labels an alert carries everywhere: Alertmanager, webhooks, silences. Missing ones are "". */
export function alertLabels(alert: AlertLabelSource): Record<SilenceLabel, string> {
  return {
    alertname: alert.rule,
    team: alert.team ?? "",
    service: alert.service ?? "",
    cluster: alert.cluster,
    group: alert.groupId ?? "",
    topic: alert.topic ?? "",
    severity: alert.severity,
  };
}

export function isSilenceActive(silence: SilenceWindow, now: number): boolean {
  return silence.startsAt <= now && now < silence.endsAt;
}

export function silenceMatches(silence: SilenceWindow, alert: AlertLabelSource): boolean {
  const labels = alertLabels(alert);
  return silence.matchers.length > 0 && silence.matchers.every((matcher) => labels[matcher.label] === matcher.value);
}

export function isSilenced(silences: SilenceWindow[], alert: AlertLabelSource, now: number): boolean {
  return silences.some((silence) => isSilenceActive(silence, now) && silenceMatches(silence, alert));
}
