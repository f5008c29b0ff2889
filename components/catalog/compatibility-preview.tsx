"use client";

import { useMemo } from "react";
import styles from "@/components/catalog/catalog.module.css";
import { checkSchemaCompatibility, describeCompatibilityIssue, type CompatibilityMode } from "@/lib/catalog/schema-compat";

function parseOrNull(text: string): unknown {
  try {
    return text.trim() === "" ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

type Props = {
  savedValueSchema: unknown;
  savedKeySchema: unknown;
  valueSchemaText: string;
  keySchemaText: string;
  mode: string;
  accepted: boolean;
  onAcceptedChange: (accepted: boolean) => void;
};

/** Flags, before saving, a schema change that would reject messages the saved schema accepts (or the reverse). */
export function CompatibilityPreview({ savedValueSchema, savedKeySchema, valueSchemaText, keySchemaText, mode, accepted, onAcceptedChange }: Props) {
  const issues = useMemo(() => {
    const compatibility = mode as CompatibilityMode;
    return [
      ...checkSchemaCompatibility(savedValueSchema, parseOrNull(valueSchemaText), compatibility).map(describeCompatibilityIssue),
      ...checkSchemaCompatibility(savedKeySchema, parseOrNull(keySchemaText), compatibility).map((line) => `key ${describeCompatibilityIssue(line)}`),
    ];
  }, [savedValueSchema, savedKeySchema, valueSchemaText, keySchemaText, mode]);

  if (issues.length === 0) return null;
  return (
    <div className={`${styles.compat} banner warning`} role="status" data-testid="compatibility-warning">
      <strong>This schema change breaks {mode} compatibility.</strong>
      <ul>
        {issues.map((issue) => (
          <li key={issue}>{issue}</li>
        ))}
      </ul>
      <label>
        <input type="checkbox" checked={accepted} onChange={(event) => onAcceptedChange(event.target.checked)} /> I have checked with the
        consumers: save this breaking change anyway
      </label>
    </div>
  );
}
