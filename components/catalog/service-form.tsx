"use client";

import Link from "next/link";
import styles from "@/components/catalog/catalog.module.css";
import { ConflictNotice } from "@/components/catalog/conflict-notice";
import { FlowsEditor } from "@/components/catalog/flows-editor";
import { FormError, SelectField, TextField } from "@/components/catalog/form-fields";
import { useCatalogEditor } from "@/components/catalog/use-catalog-editor";
import type { EditorActions } from "@/components/catalog/form-actions";
import type { ServiceRecord } from "@/lib/catalog/records";
import { LIFECYCLES, TIERS } from "@/lib/validation/catalog";
import { SERVICE_LABELS, SERVICE_MAX_LENGTHS, serviceFormSchema, toServiceFormValues, type ServiceFormValues } from "@/lib/validation/catalog-forms";

export type ServiceFormActions = EditorActions<ServiceFormValues, { slug: string }, ServiceRecord>;

type Props = {
  record: ServiceRecord | null;
  actions: ServiceFormActions;
  teams: { slug: string; name: string }[];
  contracts: { cluster: string; topic: string }[];
  defaultTeam?: string;
};

/** Create (record null) or edit a service, its consumer group ids and its declared flows. */
export function ServiceForm({ record, actions, teams, contracts, defaultTeam }: Props) {
  const editor = useCatalogEditor<ServiceFormValues, ServiceRecord>({
    schema: serviceFormSchema,
    initialValues: toServiceFormValues(record, { team: defaultTeam }),
    initialVersion: record?.version ?? 0,
    toValues: (current) => toServiceFormValues(current),
    save: ({ values, version }) =>
      record ? actions.update(null, { slug: record.slug, version, values }) : actions.create(null, values),
  });
  const { form } = editor;
  const field = (name: Exclude<keyof ServiceFormValues, "flows">) => ({
    name,
    label: SERVICE_LABELS[name],
    maxLength: SERVICE_MAX_LENGTHS[name],
    value: form.values[name],
    errors: form.errorsFor(name),
    onChange: (value: string) => form.setField(name, value),
  });

  return (
    <form className={styles.form} onSubmit={(event) => editor.submit(event)} noValidate data-testid="service-form">
      {editor.conflict && (
        <ConflictNotice
          what={`Service "${record?.slug}"`}
          opened={editor.baseline}
          current={editor.conflict.values}
          currentVersion={editor.conflict.record.version}
          mine={form.values}
          labels={SERVICE_LABELS}
          onLoadTheirs={editor.loadTheirs}
          onKeepMine={editor.keepMine}
        />
      )}
      {!editor.conflict && <FormError message={editor.formError} />}
      <div className={styles.row}>
        <TextField {...field("slug")} readOnly={record !== null} hint={record ? "The slug cannot change." : "Letters, digits, '.', '_' and '-', e.g. payments."} />
        <TextField {...field("name")} />
      </div>
      <TextField {...field("description")} multiline rows={3} prose />
      <div className={styles.row}>
        <SelectField {...field("team")} options={teams.map((team) => ({ value: team.slug, label: `${team.name} (${team.slug})` }))} placeholder="Choose a team…" />
        <SelectField {...field("tier")} options={TIERS} />
        <SelectField {...field("lifecycle")} options={LIFECYCLES} />
      </div>
      <div className={styles.row}>
        <TextField {...field("repositoryUrl")} type="url" placeholder="https://…" />
        <TextField {...field("runbookUrl")} type="url" placeholder="https://…" />
      </div>
      <div className={styles.row}>
        <TextField {...field("tags")} hint="Comma-separated, e.g. checkout, payments." />
        <TextField
          {...field("consumerGroups")}
          multiline
          rows={3}
          hint="One per line: the Kafka consumer group ids this service runs. They link it to live lag."
        />
        <TextField
          {...field("producerHeaderValues")}
          multiline
          rows={3}
          hint="One per line: the producer header values this service writes. Empty means its slug."
        />
      </div>
      <FlowsEditor flows={form.values.flows} contracts={contracts} errorsFor={form.errorsFor} onChange={(flows) => form.setField("flows", flows)} />
      <div className={styles.actions}>
        <button type="submit" disabled={editor.pending}>
          {editor.pending ? "Saving…" : record ? "Save service" : "Create service"}
        </button>
        <Link href={record ? `/catalog/services/${encodeURIComponent(record.slug)}` : "/catalog/services"}>Cancel</Link>
      </div>
    </form>
  );
}
