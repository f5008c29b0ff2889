"use client";

import { useState } from "react";
import { z } from "zod";
import { useAlertsMutation } from "@/components/alerts/use-alerts-query";
import { teamAlertsUrl } from "@/components/alerts/use-team-alerts-query";
import { SEVERITIES } from "@/lib/alerts/rules";
import { ruleOverrideBodySchema, type BuiltinRuleView } from "@/lib/validation/api/alerts";

const okSchema = z.object({ ok: z.literal(true) });

/** One built-in rule with the team's settings, editable in place by the team's editors. */
export function OverrideRow({ team, rule, canEdit }: { team: string; rule: BuiltinRuleView; canEdit: boolean }) {
  const current = rule.override ?? rule.defaults;
  const [draft, setDraft] = useState({ enabled: current.enabled, forSec: String(current.forSec), severity: current.severity, threshold: current.threshold === null ? "" : String(current.threshold) });
  const save = useAlertsMutation(ruleOverrideBodySchema);
  const reset = useAlertsMutation(okSchema);
  const url = `${teamAlertsUrl(team)}/overrides/${rule.id}`;
  const error = save.error ?? reset.error;
  const submit = () =>
    save.mutate({
      url,
      method: "PUT",
      body: { enabled: draft.enabled, forSec: Number(draft.forSec), severity: draft.severity, threshold: draft.threshold.trim() === "" ? null : Number(draft.threshold) },
    });
  return (
    <tr data-testid="override-row" data-rule={rule.id}>
      <td>
        <strong>{rule.name}</strong>
        <div className="subtle">{rule.description}</div>
        {rule.override && <span className="badge">overridden</span>}
        {error && <div className="banner danger" role="alert">{error.message}</div>}
      </td>
      <td>
        <input type="checkbox" aria-label="Enabled" checked={draft.enabled} disabled={!canEdit} onChange={(event) => setDraft({ ...draft, enabled: event.target.checked })} />
      </td>
      <td>
        <input aria-label="For (seconds)" type="number" min={0} value={draft.forSec} disabled={!canEdit} onChange={(event) => setDraft({ ...draft, forSec: event.target.value })} style={{ width: 80 }} /> s
      </td>
      <td>
        <select aria-label="Severity" value={draft.severity} disabled={!canEdit} onChange={(event) => setDraft({ ...draft, severity: event.target.value as typeof draft.severity })}>
          {SEVERITIES.map((severity) => <option key={severity}>{severity}</option>)}
        </select>
      </td>
      <td>
        {rule.thresholdMeaning ? (
          <input aria-label="Threshold" placeholder={rule.defaults.threshold === null ? "from the catalog" : String(rule.defaults.threshold)} title={rule.thresholdMeaning} value={draft.threshold} disabled={!canEdit} onChange={(event) => setDraft({ ...draft, threshold: event.target.value })} style={{ width: 110 }} />
        ) : (
          <span className="subtle">—</span>
        )}
      </td>
      <td>
        {canEdit && (
          <>
            <button type="button" onClick={submit} disabled={save.isPending}>Save</button>{" "}
            {rule.override && <button type="button" onClick={() => reset.mutate({ url, method: "DELETE" })} disabled={reset.isPending}>Reset</button>}
          </>
        )}
      </td>
    </tr>
  );
}
