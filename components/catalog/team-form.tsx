"use client";

import Link from "next/link";
import styles from "@/components/catalog/catalog.module.css";
import { ConflictNotice } from "@/components/catalog/conflict-notice";
import { FormError, TextField } from "@/components/catalog/form-fields";
import { useCatalogEditor } from "@/components/catalog/use-catalog-editor";
import { createTeamAction, updateTeamAction } from "@/app/catalog/teams/actions";
import type { TeamRecord } from "@/lib/catalog/records";
import { teamSchema } from "@/lib/validation/catalog";
import { TEAM_LABELS, toTeamFormValues, type TeamFormValues } from "@/lib/validation/catalog-forms";

/** Create (record null) or edit a team. */
export function TeamForm({ record }: { record: TeamRecord | null }) {
  const editor = useCatalogEditor<TeamFormValues, TeamRecord>({
    schema: teamSchema,
    initialValues: toTeamFormValues(record),
    initialVersion: record?.version ?? 0,
    toValues: toTeamFormValues,
    save: ({ values, version }) =>
      record ? updateTeamAction(null, { slug: record.slug, version, values }) : createTeamAction(null, values),
  });
  const { form } = editor;
  const field = (name: keyof TeamFormValues) => ({
    name,
    label: TEAM_LABELS[name],
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
