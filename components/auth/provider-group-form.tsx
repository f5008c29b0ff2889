"use client";

import { useActionState } from "react";
import type { ActionFailure } from "@/lib/api/action";

type Result = ActionFailure | { ok: true; providerGroup: string | null } | null;
type Props = {
  slug: string;
  providerGroup: string | null;
  /** setProviderGroupAction from app/catalog/teams/actions.ts, passed down by the page. */
  save: (previous: Result, input: { slug: string; providerGroup: string }) => Promise<Result>;
};

/** The admin's field for the team's provider group: who signs in with that group belongs to this team. */
export function ProviderGroupForm({ slug, providerGroup, save }: Props) {
  const [state, submit, pending] = useActionState(save, null);
  const error = state && !state.ok ? (state.fieldErrors.providerGroup?.join(" ") ?? state.formError) : null;
  return (
    <form action={(formData) => submit({ slug, providerGroup: String(formData.get("providerGroup") ?? "") })} className="toolbar" data-testid="provider-group-form">
      <label>
        Provider group{" "}
        <input name="providerGroup" defaultValue={providerGroup ?? ""} maxLength={200} placeholder="e.g. team-commerce" aria-invalid={error ? true : undefined} />
      </label>
      <button type="submit" disabled={pending}>
        Save provider group
      </button>
      {state?.ok && <span data-testid="provider-group-saved">Saved.</span>}
      {error && (
        <span role="alert" className="status-STALLED">
          {error}
        </span>
      )}
    </form>
  );
}
