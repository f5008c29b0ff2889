"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import type { z } from "zod";
import type { FormResult } from "@/lib/validation/field-errors";
import { isJsonEqual } from "@/lib/catalog/json-equal";
import { useZodForm } from "@/components/catalog/use-zod-form";

type Save<V, R> = (payload: { values: V; version: number; extra: Record<string, unknown> }) => Promise<FormResult<R> | null>;

/**
 * One editor for create and edit forms: zod validation as you type, a server action through
 * useActionState, and optimistic concurrency. When a save hits a newer version the conflict is
 * kept until the person chooses to load the other version or to save theirs over it.
 */
export function useCatalogEditor<V extends Record<string, unknown>, R extends { version: number }>(options: {
  schema: z.ZodType;
  initialValues: V;
  initialVersion: number;
  toValues: (record: R) => V;
  save: Save<V, R>;
}) {
  const [state, dispatch, pending] = useActionState(
    (_previous: FormResult<R> | null, payload: Parameters<Save<V, R>>[0]) => options.save(payload),
    null,
  );
  const form = useZodForm(options.schema, options.initialValues, state);
  const [version, setVersion] = useState(options.initialVersion);
  // The values of the version this form is based on (for "what changed" in a conflict).
  const [baseline, setBaseline] = useState(options.initialValues);
  const [settledConflict, setSettledConflict] = useState<unknown>(null);

  const conflictRecord = state && !state.ok && state.conflict && settledConflict !== state ? (state.conflict as R) : null;
  const conflict = conflictRecord ? { record: conflictRecord, values: options.toValues(conflictRecord) } : null;

  function submit(event: FormEvent<HTMLFormElement> | null, extra: Record<string, unknown> = {}) {
    event?.preventDefault();
    const formElement = event?.currentTarget ?? null;
    if (!form.validateForSubmit()) {
      // The first problem may be far above the button that was pressed: take the person there.
      requestAnimationFrame(() => formElement?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    startTransition(() => dispatch({ values: form.values, version, extra }));
  }

  function loadTheirs() {
    if (!conflict) return;
    form.reset(conflict.values);
    setBaseline(conflict.values);
    setVersion(conflict.record.version);
    setSettledConflict(state);
  }

  /**
   * Keeps this person's edits and takes the other version for every field they did not touch, so
   * saving next overwrites only what they meant to change, never the other person's other edits.
   */
  function keepMine() {
    if (!conflict) return;
    const merged = Object.fromEntries(
      Object.keys(form.values).map((field) => {
        const editedHere = !isJsonEqual(form.values[field], baseline[field]);
        return [field, editedHere ? form.values[field] : conflict.values[field]];
      }),
    ) as V;
    form.reset(merged);
    setBaseline(conflict.values);
    setVersion(conflict.record.version);
    setSettledConflict(state);
  }

  const formError = state && !state.ok && settledConflict !== state ? state.formError : undefined;
  return { form, state, pending, submit, conflict, loadTheirs, keepMine, baseline, version, formError };
}
