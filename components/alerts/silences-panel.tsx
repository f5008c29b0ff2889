"use client";

import { useState, type FormEvent } from "react";
import { silenceMutationSchema, useAlertsMutation, useSilencesQuery } from "@/components/alerts/use-alerts-query";
import { ErrorState } from "@/components/ui/states";
import { can } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/types";
import { SILENCE_LABELS, type SilenceLabel } from "@/lib/alerts/silences";

/** Active and recent silences, and a form for a new one (one or two matchers, a duration, a reason). */
export function SilencesPanel({ principal }: { principal: Principal | null }) {
  const silences = useSilencesQuery();
  const mutation = useAlertsMutation(silenceMutationSchema);
  const [matchers, setMatchers] = useState<{ label: SilenceLabel; value: string }[]>([{ label: "team", value: principal?.teams[0] ?? "" }]);
  const [hours, setHours] = useState("2");
  const [reason, setReason] = useState("");
  const team = matchers.find((matcher) => matcher.label === "team")?.value ?? null;
  const allowed = can(principal, { kind: "alerts.silence", team: team || null });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const endsAt = new Date(Date.now() + Number(hours) * 3600_000).toISOString();
    mutation.mutate({ url: "/api/alerts/silences", method: "POST", body: { matchers, endsAt, reason } }, { onSuccess: () => setReason("") });
  };
  const setMatcher = (index: number, change: Partial<{ label: SilenceLabel; value: string }>) =>
    setMatchers(matchers.map((matcher, at) => (at === index ? { ...matcher, ...change } : matcher)));

  return (
    <section style={{ marginTop: "2rem" }} data-testid="silences">
      <h2>Silences</h2>
      {silences.data && silences.data.silences.length === 0 && <p className="subtle">No silences in the last day.</p>}
      {silences.data && silences.data.silences.length > 0 && (
        <table>
          <thead>
            <tr><th>Matchers</th><th>Until</th><th>By</th><th>Reason</th><th /></tr>
          </thead>
          <tbody>
            {silences.data.silences.map((silence) => (
              <tr key={silence.id} data-testid="silence-row">
                <td className="mono">{silence.matchers.map((matcher) => `${matcher.label}="${matcher.value}"`).join(", ")}</td>
                <td>{new Date(silence.endsAt).toLocaleString()}{!silence.active && <span className="subtle"> (ended)</span>}</td>
                <td>{silence.author}</td>
                <td>{silence.reason}</td>
                <td>
                  {silence.active && (
                    <button type="button" onClick={() => mutation.mutate({ url: `/api/alerts/silences/${silence.id}`, method: "DELETE" })}>End now</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={submit} className="card" style={{ marginTop: "1rem" }} aria-label="New silence">
        <strong>New silence</strong>
        {matchers.map((matcher, index) => (
          <div key={index} className="toolbar">
            <select aria-label="Label" value={matcher.label} onChange={(event) => setMatcher(index, { label: event.target.value as SilenceLabel })}>
              {SILENCE_LABELS.map((label) => <option key={label}>{label}</option>)}
            </select>
            =
            <input aria-label="Value" value={matcher.value} maxLength={249} onChange={(event) => setMatcher(index, { value: event.target.value })} required />
          </div>
        ))}
        {matchers.length < 3 && (
          <button type="button" onClick={() => setMatchers([...matchers, { label: "group", value: "" }])}>Add matcher</button>
        )}
        <div className="toolbar">
          <label>For <input aria-label="Hours" type="number" min="0.25" step="0.25" value={hours} onChange={(event) => setHours(event.target.value)} style={{ width: 80 }} /> hours</label>
          <input aria-label="Reason" placeholder="Reason" value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} required style={{ flex: 1 }} />
          <button type="submit" disabled={!allowed || mutation.isPending}>Silence</button>
        </div>
        {!allowed && <p className="subtle">Only the team&apos;s editors (or an admin, for silences naming no team) may silence its alerts.</p>}
        {mutation.isError && <ErrorState title="Not saved" error={mutation.error} />}
      </form>
    </section>
  );
}
