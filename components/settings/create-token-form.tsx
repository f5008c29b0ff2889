"use client";

import { useState, type FormEvent } from "react";
import { useCreateTokenMutation } from "@/components/settings/use-tokens-query";
import { ApiRequestError } from "@/components/ui/query-client";
import { ErrorState } from "@/components/ui/states";
import { MAX_TOKEN_DAYS, TOKEN_ROLES } from "@/lib/validation/api/tokens";

type Role = (typeof TOKEN_ROLES)[number];

/** Creates a token and shows its secret once; the secret lives only in this component's state. */
export function CreateTokenForm({ teams }: { teams: string[] }) {
  const [form, setForm] = useState({ name: "", role: "viewer" as Role, team: teams[0] ?? "", expiresInDays: "90" });
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const create = useCreateTokenMutation();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSecret(null);
    const body = { name: form.name, role: form.role, team: form.role === "editor" ? form.team : null, expiresInDays: Number(form.expiresInDays) };
    create.mutate(body, { onSuccess: (created) => setSecret({ name: created.token.name, value: created.secret }) });
  };
  const fieldErrors = create.error instanceof ApiRequestError ? ((create.error.body as { error?: { details?: { fieldErrors?: Record<string, string[]> } } })?.error?.details?.fieldErrors ?? {}) : {};

  return (
    <div className="card" data-testid="create-token">
      <h2>New token</h2>
      <form className="toolbar" onSubmit={submit} style={{ flexWrap: "wrap" }}>
        <label>
          Name <input required maxLength={100} value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} data-testid="token-name" />
        </label>
        <label>
          Role{" "}
          <select value={form.role} onChange={(event) => setForm({ ...form, role: event.target.value as Role })} data-testid="token-role">
            {TOKEN_ROLES.map((role) => (
              <option key={role}>{role}</option>
            ))}
          </select>
        </label>
        {form.role === "editor" && (
          <label>
            Team{" "}
            <select required value={form.team} onChange={(event) => setForm({ ...form, team: event.target.value })} data-testid="token-team">
              {teams.map((team) => (
                <option key={team}>{team}</option>
              ))}
            </select>
          </label>
        )}
        <label>
          Expires in (days){" "}
          <input type="number" min={1} max={MAX_TOKEN_DAYS} required value={form.expiresInDays} onChange={(event) => setForm({ ...form, expiresInDays: event.target.value })} style={{ width: 90 }} data-testid="token-days" />
        </label>
        <button type="submit" disabled={create.isPending} data-testid="create-token-submit">
          {create.isPending ? "Creating…" : "Create token"}
        </button>
      </form>
      {create.error && <ErrorState title="The token was not created" error={create.error} hint={Object.entries(fieldErrors).map(([field, messages]) => `${field}: ${messages.join(" ")}`).join("; ") || undefined} />}
      {secret && (
        <div className="banner info" role="status" data-testid="token-secret-banner">
          <strong>Token &quot;{secret.name}&quot; created.</strong> Copy its secret now: it is not stored and will not be shown again.
          <pre data-testid="token-secret" style={{ userSelect: "all", margin: "0.5rem 0" }}>{secret.value}</pre>
          <span className="subtle">Send it as <code>Authorization: Bearer &lt;token&gt;</code>.</span>
        </div>
      )}
    </div>
  );
}
