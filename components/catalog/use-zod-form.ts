"use client";

import { useDeferredValue, useEffect, useMemo, useState } from "react";
import type { z } from "zod";
import { toFieldErrors, type FieldErrors, type FormResult } from "@/lib/validation/field-errors";

/**
 * Form state validated with the same zod schema the server uses: errors show for a field once it
 * has been edited (as you type) and for every field after a submit attempt. Server errors from the
 * last action result show until the field is edited again.
 */
export function useZodForm<V extends Record<string, unknown>>(schema: z.ZodType, initial: V, result: FormResult | null) {
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});

  // Validation (JSON parsing, Ajv) runs on a deferred copy so typing never waits for it.
  const deferred = useDeferredValue(values);
  const clientErrors = useMemo(() => {
    const parsed = schema.safeParse(deferred);
    return parsed.success ? {} : toFieldErrors(parsed.error);
  }, [schema, deferred]);

  useEffect(() => {
    setServerErrors(result && !result.ok ? result.fieldErrors : {});
  }, [result]);

  function setField<K extends keyof V & string>(name: K, value: V[K]) {
    setValues((current) => ({ ...current, [name]: value }));
    setTouched((current) => new Set(current).add(name));
    setServerErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => key !== name && !key.startsWith(`${name}.`))));
  }

  /** Messages for a field path ("name", "flows.0.topic"). */
  function errorsFor(path: string): string[] {
    const root = path.split(".")[0]!;
    const showClient = submitted || touched.has(root);
    return [...(showClient ? (clientErrors[path] ?? []) : []), ...(serverErrors[path] ?? [])].filter(
      (message, index, all) => all.indexOf(message) === index,
    );
  }

  /** Marks every field as shown; true when the values pass the schema right now. */
  function validateForSubmit(): boolean {
    setSubmitted(true);
    const parsed = schema.safeParse(values);
    return parsed.success;
  }

  function reset(next: V) {
    setValues(next);
    setTouched(new Set());
    setSubmitted(false);
    setServerErrors({});
  }

  return { values, setField, errorsFor, validateForSubmit, reset };
}

export type ZodForm<V extends Record<string, unknown>> = ReturnType<typeof useZodForm<V>>;
