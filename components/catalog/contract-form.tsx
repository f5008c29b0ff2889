"use client";

import Link from "next/link";
import { useState } from "react";
import styles from "@/components/catalog/catalog.module.css";
import { CompatibilityPreview } from "@/components/catalog/compatibility-preview";
import { ConflictNotice } from "@/components/catalog/conflict-notice";
import { FormError, SelectField, TextField } from "@/components/catalog/form-fields";
import { useCatalogEditor } from "@/components/catalog/use-catalog-editor";
import type { EditorActions } from "@/components/catalog/form-actions";
import { formatDuration, formatRetention } from "@/lib/format";
import type { ContractRecord } from "@/lib/catalog/records";
import { CLASSIFICATIONS, COMPATIBILITY_MODES } from "@/lib/validation/catalog";
import { CONTRACT_LABELS, CONTRACT_MAX_LENGTHS, contractFormSchema, toContractFormValues, type ContractFormValues } from "@/lib/validation/catalog-forms";

export type ContractFormActions = EditorActions<
  ContractFormValues,
  { key: { cluster: string; topic: string }; acceptBreakingChanges: boolean },
  ContractRecord
>;

type Props = {
  record: ContractRecord | null;
  actions: ContractFormActions;
  clusters: string[];
  services: { slug: string; name: string }[];
  defaults?: { cluster?: string; owner?: string; topic?: string };
};

const asNumber = (text: string) => (text.trim() !== "" && Number.isFinite(Number(text)) ? Number(text) : null);

/** Create (record null) or edit a topic contract: owner, schemas, compatibility, retention, lag objective. */
export function ContractForm({ record, actions, clusters, services, defaults }: Props) {
  const [acceptBreaking, setAcceptBreaking] = useState(false);
  const editor = useCatalogEditor<ContractFormValues, ContractRecord>({
    schema: contractFormSchema,
    initialValues: toContractFormValues(record, { cluster: clusters[0], ...defaults }),
    initialVersion: record?.version ?? 0,
    toValues: (current) => toContractFormValues(current),
    save: ({ values, version, extra }) =>
      record
        ? actions.update(null, { key: { cluster: record.cluster, topic: record.topic }, version, values, acceptBreakingChanges: extra.acceptBreakingChanges === true })
        : actions.create(null, values),
  });
  const { form } = editor;
  const field = (name: keyof ContractFormValues) => ({
    name,
    label: CONTRACT_LABELS[name],
    maxLength: CONTRACT_MAX_LENGTHS[name],
    value: form.values[name],
    errors: form.errorsFor(name),
    onChange: (value: string) => form.setField(name, value),
  });
  const retention = asNumber(form.values.retentionMs);
  const objective = asNumber(form.values.lagObjectiveSec);

  return (
    <form className={styles.form} onSubmit={(event) => editor.submit(event, { acceptBreakingChanges: acceptBreaking })} noValidate data-testid="contract-form">
      {editor.conflict && (
        <ConflictNotice
          what={`Contract ${record?.cluster}/${record?.topic}`}
          opened={editor.baseline}
          current={editor.conflict.values}
          currentVersion={editor.conflict.record.version}
          mine={form.values}
          labels={CONTRACT_LABELS}
          onLoadTheirs={editor.loadTheirs}
          onKeepMine={editor.keepMine}
        />
      )}
      {!editor.conflict && <FormError message={editor.formError} />}
      <div className={styles.row}>
        <SelectField {...field("cluster")} options={clusters.includes(form.values.cluster) ? clusters : [form.values.cluster, ...clusters]} disabled={record !== null} />
        <TextField {...field("topic")} readOnly={record !== null} hint={record ? "The topic name cannot change." : "Kafka's rules: letters, digits, '.', '_' and '-', at most 249."} />
        <SelectField {...field("owner")} options={services.map((service) => ({ value: service.slug, label: `${service.name} (${service.slug})` }))} placeholder="Choose a service…" />
      </div>
      <TextField {...field("description")} multiline rows={2} prose />
      <div className={styles.row}>
        <TextField {...field("partitions")} inputMode="numeric" hint="Expected count (the live count comes from Kafka)." />
        <TextField {...field("retentionMs")} inputMode="numeric" hint={retention !== null ? formatRetention(retention) : "-1 keeps messages forever."} />
        <TextField {...field("lagObjectiveSec")} inputMode="numeric" hint={objective !== null ? `Consumers at most ${formatDuration(objective)} behind` : "Max seconds behind for consumers."} />
      </div>
      <div className={styles.row}>
        <SelectField {...field("compatibility")} options={COMPATIBILITY_MODES} hint="Backward: new schema reads old messages. Forward: old reads new. Full: both." />
        <SelectField {...field("classification")} options={CLASSIFICATIONS} />
      </div>
      <TextField {...field("valueSchema")} multiline rows={12} placeholder='{"type": "object", "properties": {…}}' hint="JSON Schema (draft-07, or 2020-12 with $schema)." />
      {record && (
        <CompatibilityPreview
          savedValueSchema={record.valueSchema}
          savedKeySchema={record.keySchema}
          valueSchemaText={form.values.valueSchema}
          keySchemaText={form.values.keySchema}
          mode={form.values.compatibility}
          accepted={acceptBreaking}
          onAcceptedChange={setAcceptBreaking}
        />
      )}
      <TextField {...field("keySchema")} multiline rows={3} placeholder='{"type": "string"}' />
      <TextField {...field("exampleMessage")} multiline rows={8} hint="Must match the value schema." />
      <div className={styles.actions}>
        <button type="submit" disabled={editor.pending}>
          {editor.pending ? "Saving…" : record ? "Save contract" : "Create contract"}
        </button>
        <Link href={record ? `/catalog/contracts/${encodeURIComponent(record.cluster)}/${encodeURIComponent(record.topic)}` : "/catalog/contracts"}>Cancel</Link>
      </div>
    </form>
  );
}
