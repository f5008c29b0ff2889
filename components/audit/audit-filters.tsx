"use client";

import { useState, type FormEvent } from "react";
import { AUDIT_ENTITY_TYPES } from "@/lib/validation/api/audit";

export type AuditFilterValues = { actor: string; action: string; entityType: string; from: string; to: string };
export const NO_FILTERS: AuditFilterValues = { actor: "", action: "", entityType: "", from: "", to: "" };

/** datetime-local text (the browser's zone) as the ISO time the API takes. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : "");

/** The audit page's filters; applied on submit, so typing does not query on every key. */
export function AuditFilters({ onApply }: { onApply: (filters: AuditFilterValues) => void }) {
  const [form, setForm] = useState(NO_FILTERS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...form, from: toIso(form.from), to: toIso(form.to) });
  };
  const field = (name: keyof AuditFilterValues) => ({ value: form[name], onChange: (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value }) });
  return (
    <form className="toolbar" onSubmit={submit} style={{ flexWrap: "wrap" }} data-testid="audit-filters">
      <label>
        Actor <input placeholder="name, email or subject" maxLength={200} {...field("actor")} data-testid="audit-actor" />
      </label>
      <label>
        Action <input placeholder="e.g. create, login.failed" maxLength={100} {...field("action")} data-testid="audit-action" />
      </label>
      <label>
        Entity{" "}
        <select {...field("entityType")} data-testid="audit-entity-type">
          <option value="">any</option>
          {AUDIT_ENTITY_TYPES.map((type) => (
            <option key={type}>{type}</option>
          ))}
        </select>
      </label>
      <label>
        From <input type="datetime-local" {...field("from")} data-testid="audit-from" />
      </label>
      <label>
        To <input type="datetime-local" {...field("to")} data-testid="audit-to" />
      </label>
      <button type="submit" data-testid="audit-apply">
        Apply
      </button>
    </form>
  );
}
