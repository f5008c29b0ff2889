"use client";

import { useEffect, useRef } from "react";
import styles from "@/components/catalog/catalog.module.css";
import { diffFormValues } from "@/lib/validation/catalog-forms";

type Props<V extends Record<string, unknown>> = {
  what: string;
  /** The values as they were when this form was opened. */
  opened: V;
  /** The values saved meanwhile by someone else. */
  current: V;
  currentVersion: number;
  /** What this person has typed. */
  mine: V;
  labels: Record<keyof V, string>;
  onLoadTheirs: () => void;
  onKeepMine: () => void;
};

/**
 * Shown when a save hit a newer version: what the other person changed, next to what this person
 * typed. Nothing is overwritten until they choose.
 */
export function ConflictNotice<V extends Record<string, unknown>>({ what, opened, current, currentVersion, mine, labels, onLoadTheirs, onKeepMine }: Props<V>) {
  const changes = diffFormValues(opened, current, labels);
  const theirFields = new Set(changes.map((change) => change.field));
  const myEdits = diffFormValues(opened, mine, labels);
  const myOtherEdits = myEdits.filter((edit) => !theirFields.has(edit.field));
  const editedByMe = new Set(myEdits.map((edit) => edit.field));
  const yours = (field: string) => {
    if (!editedByMe.has(field)) return "(you did not change it)";
    const value = mine[field];
    return (typeof value === "string" ? value : JSON.stringify(value, null, 1)) || "—";
  };
  // The save button that caused this is at the bottom of a long form: bring the notice into view.
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: "start" });
    ref.current?.focus();
  }, [currentVersion]);
  return (
    <section ref={ref} tabIndex={-1} className={styles.conflict} role="alert" data-testid="conflict-notice">
      <h3>{what} was changed by someone else while you were editing</h3>
      <p>Nothing was saved. It is now at version {currentVersion}. {changes.length === 0 ? "No field you can edit differs." : "What changed:"}</p>
      {changes.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Field</th>
              <th>When you opened it</th>
              <th>Now</th>
              <th>Yours</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.field} data-testid={`conflict-field-${change.field}`}>
                <th scope="row">{change.label}</th>
                <td>{change.before || "—"}</td>
                <td>{change.after || "—"}</td>
                <td className={editedByMe.has(change.field) ? undefined : "subtle"}>{yours(change.field)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {myOtherEdits.length > 0 && (
        <p data-testid="conflict-my-edits">Your other edits, which they did not touch: {myOtherEdits.map((edit) => edit.label).join(", ")}.</p>
      )}
      <div className={styles.actions}>
        <button type="button" onClick={onLoadTheirs}>
          Load their version
        </button>
        <button type="button" className="secondary" onClick={onKeepMine}>
          Keep my edits, take theirs elsewhere
        </button>
        <span className="subtle">Either way, check the form and save again.</span>
      </div>
    </section>
  );
}
