"use client";

import { useState } from "react";
import styles from "@/components/catalog/catalog.module.css";
import type { ImportAction, ImportPlan } from "@/lib/catalog/import-plan";
import { diffJsonPaths, formatJsonShort } from "@/lib/catalog/json-diff";

const ACTION_CLASS: Record<ImportAction, string | undefined> = {
  create: styles.diffCreate,
  update: styles.diffUpdate,
  delete: styles.diffDelete,
  unchanged: styles.diffUnchanged,
};

const show = (value: unknown) => (value === null || value === undefined ? "—" : formatJsonShort(value));
// Past this many changed paths a field's change is summarized, so one rewritten schema does not fill the page.
const MAX_PATHS = 8;

/** One changed field: scalars as before → after; objects (schemas, examples) as the JSON paths that differ. */
function FieldChange({ field, before, after }: { field: string; before: unknown; after: unknown }) {
  const isObject = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value);
  // Lists (tags, consumer groups) and values added or removed whole read best side by side.
  if (!isObject(before) || !isObject(after)) {
    return (
      <div>
        <strong>{field}</strong>: <span className="mono">{show(before)}</span> → <span className="mono">{show(after)}</span>
      </div>
    );
  }
  const paths = diffJsonPaths(before, after);
  return (
    <div>
      <strong>{field}</strong>:
      <ul className={styles.pathList}>
        {paths.slice(0, MAX_PATHS).map((change) => (
          <li key={change.path}>
            <span className="mono">{change.path}</span>: <span className="mono">{show(change.before)}</span> → <span className="mono">{show(change.after)}</span>
          </li>
        ))}
        {paths.length > MAX_PATHS && <li className="subtle">and {paths.length - MAX_PATHS} more changes</li>}
      </ul>
    </div>
  );
}

/** The dry-run diff: what would be created, updated or deleted, and what the file leaves alone. */
export function ImportDiff({ plan }: { plan: ImportPlan }) {
  const [showUnchanged, setShowUnchanged] = useState(false);
  const rows = plan.changes.filter((change) => showUnchanged || change.action !== "unchanged");
  const kept = [
    ...plan.notInFile.teams.map((slug) => `team ${slug}`),
    ...plan.notInFile.services.map((slug) => `service ${slug}`),
    ...plan.notInFile.contracts.map((key) => `contract ${key}`),
  ];
  return (
    <div className={styles.diff} data-testid="import-diff">
      <p data-testid="import-counts">
        {plan.counts.create} to create, {plan.counts.update} to update, {plan.counts.delete} to delete, {plan.counts.unchanged} unchanged.
      </p>
      {plan.warnings.length > 0 && (
        <div className="banner warning" role="status">
          <strong>Breaking schema changes:</strong>
          <ul>
            {plan.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      )}
      <label>
        <input type="checkbox" checked={showUnchanged} onChange={(event) => setShowUnchanged(event.target.checked)} /> Show unchanged entries
      </label>
      {rows.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Change</th>
              <th>Kind</th>
              <th>Entry</th>
              <th>Fields</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((change) => (
              <tr key={`${change.entityType} ${change.key}`}>
                <td className={ACTION_CLASS[change.action]}>{change.action}</td>
                <td>{change.entityType}</td>
                <td className="mono">{change.key}</td>
                <td>
                  {change.action === "create" && <span className="subtle">new entry</span>}
                  {change.changes.map((field) => (
                    <FieldChange key={field.field} {...field} />
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {kept.length > 0 && <p className="subtle">Not in the file, kept as they are: {kept.join(", ")}.</p>}
    </div>
  );
}
