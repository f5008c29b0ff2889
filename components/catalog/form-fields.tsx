"use client";

import { useEffect, useRef, type ReactNode } from "react";
import styles from "@/components/catalog/catalog.module.css";

const idOf = (name: string) => `field-${name.replace(/\./g, "-")}`;

export function FieldErrors({ name, errors }: { name: string; errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <div id={`${idOf(name)}-error`} data-testid={`error-${name}`}>
      {errors.map((message) => (
        <p key={message} className={styles.error}>
          {message}
        </p>
      ))}
    </div>
  );
}

type FieldProps = {
  name: string;
  label: string;
  errors: string[];
  hint?: ReactNode;
  children: (props: { id: string; "aria-invalid": boolean; "aria-describedby"?: string; name: string }) => ReactNode;
};

/** Label, control, hint and inline errors, wired for screen readers. */
export function Field({ name, label, errors, hint, children }: FieldProps) {
  const id = idOf(name);
  const described = [errors.length > 0 ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ");
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      {children({ id, name, "aria-invalid": errors.length > 0, "aria-describedby": described || undefined })}
      {hint && (
        <span id={`${id}-hint`} className={styles.hint}>
          {hint}
        </span>
      )}
      <FieldErrors name={name} errors={errors} />
    </div>
  );
}

type TextFieldProps = {
  name: string;
  label: string;
  value: string;
  errors: string[];
  onChange: (value: string) => void;
  hint?: ReactNode;
  multiline?: boolean;
  rows?: number;
  readOnly?: boolean;
  type?: "text" | "email" | "url";
  placeholder?: string;
  inputMode?: "numeric" | "text";
  /** Free text (descriptions): the normal font, not the monospace used for JSON and ids. */
  prose?: boolean;
  /** The schema's limit (lib/validation/limits), so typing stops where the server would refuse. */
  maxLength?: number;
};

export function TextField({ multiline, rows, readOnly, type = "text", placeholder, inputMode, prose, maxLength, value, onChange, ...field }: TextFieldProps) {
  return (
    <Field {...field}>
      {(control) =>
        multiline ? (
          <textarea {...control} rows={rows ?? 6} maxLength={maxLength} value={value} spellCheck={prose === true} className={prose ? styles.prose : undefined} onChange={(event) => onChange(event.target.value)} placeholder={placeholder} />
        ) : (
          <input
            {...control}
            // type="text" even for emails and URLs: the zod messages, not the browser's, explain problems.
            type="text"
            data-kind={type}
            inputMode={inputMode}
            maxLength={maxLength}
            value={value}
            readOnly={readOnly}
            className={readOnly ? styles.readonly : undefined}
            placeholder={placeholder}
            autoComplete="off"
            onChange={(event) => onChange(event.target.value)}
          />
        )
      }
    </Field>
  );
}

type SelectFieldProps = {
  name: string;
  label: string;
  value: string;
  errors: string[];
  options: readonly (string | { value: string; label: string })[];
  onChange: (value: string) => void;
  hint?: ReactNode;
  disabled?: boolean;
  placeholder?: string;
};

export function SelectField({ options, value, onChange, disabled, placeholder, ...field }: SelectFieldProps) {
  return (
    <Field {...field}>
      {(control) => (
        <select {...control} value={value} disabled={disabled} onChange={(event) => onChange(event.target.value)}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((option) => {
            const entry = typeof option === "string" ? { value: option, label: option } : option;
            return (
              <option key={entry.value} value={entry.value}>
                {entry.label}
              </option>
            );
          })}
        </select>
      )}
    </Field>
  );
}

/** The form-level message of the last save: refusals, "not found", unexpected failures. */
export function FormError({ message }: { message: string | undefined }) {
  // Shown above a long form after pressing a button at its bottom: scroll it into view.
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.scrollIntoView({ block: "center" });
  }, [message]);
  if (!message) return null;
  return (
    <div ref={ref} className="banner danger" role="alert" data-testid="form-error">
      {message}
    </div>
  );
}
