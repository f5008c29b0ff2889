"use client";

import Link from "next/link";
import styles from "@/components/catalog/catalog.module.css";
import { ConflictNotice } from "@/components/catalog/conflict-notice";
import { FormError, TextField } from "@/components/catalog/form-fields";
import { useCatalogEditor } from "@/components/catalog/use-catalog-editor";
import type { EditorActions } from "@/components/catalog/form-actions";
import type { TeamRecord } from "@/lib/catalog/records";
import { TEAM_LABELS, TEAM_MAX_LENGTHS, teamFormSchema, toTeamFormValues, type TeamFormValues } from "@/lib/validation/catalog-forms";

/** Create (record null) or edit a team. */
export type TeamFormActions = EditorActions<TeamFormValues, { slug: string }, TeamRecord>;

export function TeamForm({ record, actions }: { record: TeamRecord | null; actions: TeamFormActions }) {
  const editor = useCatalogEditor<TeamFormValues, TeamRecord>({
    schema: teamFormSchema,
    initialValues: toTeamFormValues(record),
    initialVersion: record?.version ?? 0,
    toValues: toTeamFormValues,
    save: ({ values, version }) =>
      record ? actions.update(null, { slug: record.slug, version, values }) : actions.create(null, values),
  });
  const { form } = editor;
  const field = (name: keyof TeamFormValues) => ({
    name,
    label: TEAM_LABELS[name],
    maxLength: TEAM_MAX_LENGTHS[name],
    value: form.values[name],
    errors: form.errorsFor(name),
    onChange: (value: string) => form.setField(name, value),
  });

  return (
    <form className={styles.form} onSubmit={(event) => editor.submit(event)} noValidate data-testid="team-form">
      {editor.conflict && (
        <ConflictNotice
          what={`Team "${record?.slug}"`}
          opened={editor.baseline}
          current={editor.conflict.values}
          currentVersion={editor.conflict.record.version}
          mine={form.values}
          labels={TEAM_LABELS}
          onLoadTheirs={editor.loadTheirs}
          onKeepMine={editor.keepMine}
        />
      )}
      {!editor.conflict && <FormError message={editor.formError} />}
      <div className={styles.row}>
        <TextField {...field("slug")} readOnly={record !== null} hint={record ? "The slug cannot change." : "Letters, digits, '.', '_' and '-', e.g. commerce."} />
        <TextField {...field("name")} />
      </div>
      <TextField {...field("description")} multiline rows={3} prose />
      <div className={styles.row}>
        <TextField {...field("email")} type="email" placeholder="team@example.com" />
        <TextField {...field("chatChannel")} placeholder="#team-channel" />
      </div>
      <TextField {...field("oncallUrl")} type="url" placeholder="https://…" />
      <div className={styles.actions}>
        <button type="submit" disabled={editor.pending}>
          {editor.pending ? "Saving…" : record ? "Save team" : "Create team"}
        </button>
        <Link href={record ? `/catalog/teams/${encodeURIComponent(record.slug)}` : "/catalog/teams"}>Cancel</Link>
      </div>
    </form>
  );
}
