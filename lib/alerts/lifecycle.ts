// The alert state machine, pure: given the live alerts of a cluster and the conditions that hold
// now, what changes. pending → firing once the condition has held for the rule's `for`; firing →
// resolved when it stops holding; a pending alert whose condition clears is dropped (it never fired,
// so nobody was told). Only firing and resolved transitions are notified.
import type { Breach } from "@/lib/alerts/evaluate-rules";

export type LiveAlert = { id: string; key: string; state: "pending" | "firing"; startedAt: number };

export type AlertPlan = {
  /** New alerts: state "firing" when the rule's `for` is 0. */
  open: { breach: Breach; state: "pending" | "firing" }[];
  /** Pending alerts whose `for` has passed: now firing (notify). */
  fire: { id: string; breach: Breach }[];
  /** Live alerts whose condition still holds: refresh value and summary. */
  keep: { id: string; breach: Breach }[];
  /** Firing alerts whose condition cleared (notify). */
  resolve: LiveAlert[];
  /** Pending alerts whose condition cleared before their `for` passed. */
  drop: LiveAlert[];
};

/** `live`: the cluster's live alerts by key (at most one per key: the table's unique activeKey). */
export function planAlertTransitions(live: ReadonlyMap<string, LiveAlert>, breaches: Breach[], now: number): AlertPlan {
  const plan: AlertPlan = { open: [], fire: [], keep: [], resolve: [], drop: [] };
  const seen = new Set<string>();
  for (const breach of breaches) {
    // Two breaches with one key cannot happen with distinct rules; keep the first if they do.
    if (seen.has(breach.key)) continue;
    seen.add(breach.key);
    const current = live.get(breach.key);
    if (!current) plan.open.push({ breach, state: breach.forSec <= 0 ? "firing" : "pending" });
    else if (current.state === "pending" && now - current.startedAt >= breach.forSec * 1000) plan.fire.push({ id: current.id, breach });
    else plan.keep.push({ id: current.id, breach });
  }
  for (const alert of live.values()) {
    if (seen.has(alert.key)) continue;
    if (alert.state === "firing") plan.resolve.push(alert);
    else plan.drop.push(alert);
  }
  return plan;
}
