// The alert state machine, pure: given the live alerts of a cluster and the conditions that hold
// now, what changes. pending → firing once the condition has held for the rule's `for`; firing →
// resolved when it stops holding; a pending alert whose condition clears is dropped (it never fired,
// so nobody was told). Only firing and resolved transitions are notified.
import type { Breach } from "@/lib/alerts/evaluate-rules";

export type LiveAlert = { id: string; key: string; state: "pending" | "firing"; startedAt: number };

export type AlertPlan<T extends LiveAlert = LiveAlert> = {
  /** New alerts: state "firing" when the rule's `for` is 0. */
  open: { breach: Breach; state: "pending" | "firing" }[];
  /** Pending alerts whose `for` has passed: now firing (notify). */
  fire: { id: string; alert: T; breach: Breach }[];
  /** Live alerts whose condition still holds: refresh value and summary. */
  keep: { id: string; alert: T; breach: Breach }[];
  /** Firing alerts whose condition cleared (notify). */
  resolve: T[];
  /** Pending alerts whose condition cleared before their `for` passed. */
  drop: T[];
};

/**
 * `live`: the cluster's live alerts by key (at most one per key: the table's unique activeKey).
 * One lookup by key per breach, and each kept or firing entry carries the live alert it found, so
 * nothing looks it up again: a cluster of 10,000 stopped groups holds 30,000 live alerts, evaluated
 * every sample, and a set of every breach's key plus three lookups by key per breach cost more than
 * the rules themselves (BENCHMARKS.md, "alert keys kept, one lookup per alert").
 */
export function planAlertTransitions<T extends LiveAlert>(live: ReadonlyMap<string, T>, breaches: readonly Breach[], now: number): AlertPlan<T> {
  const plan: AlertPlan<T> = { open: [], fire: [], keep: [], resolve: [], drop: [] };
  // Two breaches with one key cannot happen with distinct rules; keep the first if they do.
  const matched = new Set<T>();
  const opened = new Set<string>();
  for (const breach of breaches) {
    const current = live.get(breach.key);
    if (!current) {
      if (opened.has(breach.key)) continue;
      opened.add(breach.key);
      plan.open.push({ breach, state: breach.forSec <= 0 ? "firing" : "pending" });
      continue;
    }
    if (matched.has(current)) continue;
    matched.add(current);
    if (current.state === "pending" && now - current.startedAt >= breach.forSec * 1000) plan.fire.push({ id: current.id, alert: current, breach });
    else plan.keep.push({ id: current.id, alert: current, breach });
  }
  if (matched.size < live.size) {
    for (const alert of live.values()) {
      if (matched.has(alert)) continue;
      if (alert.state === "firing") plan.resolve.push(alert);
      else plan.drop.push(alert);
    }
  }
  return plan;
}
