"use client";

import { useState, useTransition } from "react";
import styles from "@/components/catalog/catalog.module.css";
import { ImportDiff } from "@/components/catalog/import-diff";
import type { ImportActionResult } from "@/lib/catalog/import-action-result";

type ImportAction = (text: string) => Promise<ImportActionResult>;

/** Upload or paste a catalog file, see the dry-run diff, then apply it in one transaction. */
export function ImportForm({ preview: previewImport, apply: applyImport }: { preview: ImportAction; apply: ImportAction }) {
  const [text, setText] = useState("");
  const [preview, setPreview] = useState<{ text: string; result: ImportActionResult } | null>(null);
  const [applied, setApplied] = useState<ImportActionResult | null>(null);
  const [pending, startTransition] = useTransition();

  const previewIsCurrent = preview !== null && preview.text === text;
  const canApply = previewIsCurrent && preview.result.ok && (preview.result.plan.counts.create + preview.result.plan.counts.update + preview.result.plan.counts.delete) > 0;
  const shown = applied ?? (previewIsCurrent ? preview.result : null);

  async function readFile(file: File | undefined) {
    if (!file) return;
    setText(await file.text());
    setApplied(null);
  }

  return (
    <div className={styles.form}>
      <div className={styles.fileInput}>
        <label htmlFor="catalog-file">Catalog file (YAML)</label>
        <input id="catalog-file" type="file" accept=".yaml,.yml,text/yaml" onChange={(event) => readFile(event.target.files?.[0])} />
        <label htmlFor="catalog-text">Or paste it here</label>
        <textarea
          id="catalog-text"
          value={text}
          spellCheck={false}
          onChange={(event) => {
            setText(event.target.value);
            setApplied(null);
          }}
        />
      </div>
      <div className={styles.actions}>
        <button type="button" disabled={pending || text.trim() === ""} onClick={() => startTransition(async () => setPreview({ text, result: await previewImport(text) }))}>
          Check (dry run)
        </button>
        <button
          type="button"
          disabled={pending || !canApply}
          onClick={() =>
            startTransition(async () => {
              setApplied(await applyImport(text));
              setPreview(null);
            })
          }
        >
          Apply
        </button>
        {pending && <span className="subtle">Working…</span>}
      </div>
      {shown && !shown.ok && (
        <div className="banner danger" role="alert" data-testid="import-errors">
          <strong>{(shown as { formError?: string }).formError ?? `The file has ${shown.errors.length} problem(s); nothing was changed.`}</strong>
          <ul>
            {shown.errors.map((error) => (
              <li key={`${error.path} ${error.message}`}>
                <span className="mono">{error.path}</span>: {error.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {shown && shown.ok && (
        <>
          <div className="banner info" role="status" data-testid="import-status">
            {applied ? (shown.applied ? "Applied in one transaction." : "Nothing to change: the catalog already matches the file.") : "Dry run: nothing has been changed yet."}
          </div>
          <ImportDiff plan={shown.plan} />
        </>
      )}
    </div>
  );
}
