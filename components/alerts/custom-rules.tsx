"use client";

import { useState, type FormEvent } from "react";
import { z } from "zod";
import { useAlertsMutation } from "@/components/alerts/use-alerts-query";
import { teamAlertsUrl } from "@/components/alerts/use-team-alerts-query";
import { ErrorState } from "@/components/ui/states";
import { COMPARISONS, RULE_METRICS, SEVERITIES } from "@/lib/alerts/rules";
import { customRuleViewSchema, type CustomRuleView } from "@/lib/validation/api/alerts";

const okSchema = z.object({ ok: z.literal(true) });
const EMPTY = { name: "", metric: RULE_METRICS[0] as string, comparison: ">" as string, threshold: "", forSec: "60", severity: "warning" as string };

/** A team's extra rules: a list with delete, and a form for a new one. */
export function CustomRules({ team, rules, canEdit }: { team: string; rules: CustomRuleView[]; canEdit: boolean }) {
  const [draft, setDraft] = useState(EMPTY);
  const create = useAlertsMutation(customRuleViewSchema);
  const remove = useAlertsMutation(okSchema);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { ...draft, threshold: Number(draft.threshold), forSec: Number(draft.forSec), enabled: true };
    create.mutate({ url: `${teamAlertsUrl(team)}/rules`, method: "POST", body }, { onSuccess: () => setDraft(EMPTY) });
  };
  const field = (name: keyof typeof EMPTY) => ({ value: draft[name], disabled: !canEdit, onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value }) });
  return (
    <section data-testid="custom-rules">
      {rules.length === 0 ? (
        <p className="subtle">No extra rules.</p>
      ) : (
        <table>
          <thead><tr><th>Name</th><th>Condition</th><th>For</th><th>Severity</th><th /></tr></thead>
          <tbody>
            {rules.map((rule) => (
              <tr key={rule.id} data-testid="custom-rule-row">
                <td className="mono">{rule.name}{!rule.enabled && <span className="subtle"> (off)</span>}</td>
                <td className="mono">{rule.metric} {rule.comparison} {rule.threshold}</td>
                <td>{rule.forSec} s</td>
                <td>{rule.severity}</td>
                <td>{canEdit && <button type="button" onClick={() => remove.mutate({ url: `${teamAlertsUrl(team)}/rules/${encodeURIComponent(rule.name)}`, method: "DELETE" })}>Delete</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <form onSubmit={submit} className="toolbar card" aria-label="New rule" style={{ marginTop: "0.75rem" }}>
          <input aria-label="Rule name" placeholder="name" maxLength={100} required {...field("name")} />
          <select aria-label="Metric" {...field("metric")}>{RULE_METRICS.map((metric) => <option key={metric}>{metric}</option>)}</select>
          <select aria-label="Comparison" {...field("comparison")}>{COMPARISONS.map((comparison) => <option key={comparison}>{comparison}</option>)}</select>
          <input aria-label="Threshold" placeholder="threshold" inputMode="decimal" required style={{ width: 100 }} {...field("threshold")} />
          <label>for <input aria-label="For (seconds)" type="number" min={0} style={{ width: 80 }} {...field("forSec")} /> s</label>
          <select aria-label="Severity" {...field("severity")}>{SEVERITIES.map((severity) => <option key={severity}>{severity}</option>)}</select>
          <button type="submit" disabled={create.isPending}>Add rule</button>
        </form>
      )}
      {create.isError && <ErrorState title="Rule not saved" error={create.error} />}
      {remove.isError && <ErrorState title="Rule not deleted" error={remove.error} />}
    </section>
  );
}
