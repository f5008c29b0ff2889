"use client";

import { startTransition, useActionState, useState } from "react";
import styles from "@/components/catalog/catalog.module.css";
import type { FormResult } from "@/lib/validation/field-errors";

type Props = {
  /** e.g. `team "commerce"`. */
  what: string;
  /** What else goes with it, said before confirming. */
  consequence?: string;
  remove: () => Promise<FormResult | null>;
};

/** Delete with an explicit confirmation; a refusal (e.g. the team still owns services) is shown in place. */
export function DeleteButton({ what, consequence, remove }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [state, dispatch, pending] = useActionState((_previous: FormResult | null) => remove(), null);
  const refusal = state && !state.ok ? state.formError : undefined;

  return (
    <div className={styles.form} data-testid="delete-section">
      {refusal && (
        <div className="banner danger" role="alert" data-testid="delete-error">
          {refusal}
        </div>
      )}
      {!confirming ? (
        <div className={styles.actions}>
          <button type="button" className="secondary" onClick={() => setConfirming(true)}>
            Delete {what}
          </button>
        </div>
      ) : (
        <div className={styles.actions}>
          <span>
            Delete {what}? {consequence} This cannot be undone (the audit log keeps a copy).
          </span>
          <button type="button" disabled={pending} onClick={() => startTransition(() => dispatch())} style={{ background: "var(--danger)" }}>
            {pending ? "Deleting…" : "Yes, delete"}
          </button>
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      )}
    </div>
  );
}
