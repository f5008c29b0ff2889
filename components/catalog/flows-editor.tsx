"use client";

import styles from "@/components/catalog/catalog.module.css";
import { FieldErrors } from "@/components/catalog/form-fields";
import { FLOW_MAX_LENGTHS, type FlowFormValues } from "@/lib/validation/catalog-forms";

type Props = {
  flows: FlowFormValues[];
  /** Contracts a flow can point at, as cluster/topic. */
  contracts: { cluster: string; topic: string }[];
  errorsFor: (path: string) => string[];
  onChange: (flows: FlowFormValues[]) => void;
};

/** The topics a service produces to and consumes from, each with a purpose note. */
export function FlowsEditor({ flows, contracts, errorsFor, onChange }: Props) {
  const update = (index: number, change: Partial<FlowFormValues>) => onChange(flows.map((flow, at) => (at === index ? { ...flow, ...change } : flow)));
  const keyOf = (flow: { cluster: string; topic: string }) => `${flow.cluster}/${flow.topic}`;
  const options = contracts.map(keyOf);

  return (
    <fieldset className={styles.flows} data-testid="flows-editor">
      <legend>Declared flows</legend>
      {contracts.length === 0 && <p className={styles.hint}>No topic contracts yet: create one first, then declare what this service produces and consumes.</p>}
      {flows.map((flow, index) => {
        const current = keyOf(flow);
        return (
          <div key={index} className={styles.flowRow} data-testid={`flow-row-${index}`}>
            <select aria-label={`Flow ${index + 1} direction`} value={flow.direction} onChange={(event) => update(index, { direction: event.target.value as FlowFormValues["direction"] })}>
              <option value="produces">produces to</option>
              <option value="consumes">consumes from</option>
            </select>
            <div>
              <select
                aria-label={`Flow ${index + 1} topic`}
                aria-invalid={errorsFor(`flows.${index}.topic`).length > 0}
                value={flow.topic ? current : ""}
                onChange={(event) => {
                  const [cluster = "", ...rest] = event.target.value.split("/");
                  update(index, { cluster, topic: rest.join("/") });
                }}
              >
                <option value="">Choose a topic…</option>
                {flow.topic && !options.includes(current) && <option value={current}>{current} (no contract)</option>}
                {options.map((key) => (
                  <option key={key} value={key}>
                    {key}
                  </option>
                ))}
              </select>
              <FieldErrors name={`flows.${index}.topic`} errors={errorsFor(`flows.${index}.topic`)} />
            </div>
            <div>
              <input aria-label={`Flow ${index + 1} purpose`} placeholder="Why (optional)" maxLength={FLOW_MAX_LENGTHS.purpose} value={flow.purpose} onChange={(event) => update(index, { purpose: event.target.value })} />
              <FieldErrors name={`flows.${index}.purpose`} errors={errorsFor(`flows.${index}.purpose`)} />
            </div>
            <button type="button" className="secondary" onClick={() => onChange(flows.filter((_, at) => at !== index))} aria-label={`Remove flow ${index + 1}`}>
              Remove
            </button>
          </div>
        );
      })}
      <div>
        <button type="button" className="secondary" onClick={() => onChange([...flows, { direction: "consumes", cluster: contracts[0]?.cluster ?? "local", topic: "", purpose: "" }])}>
          Add a flow
        </button>
      </div>
    </fieldset>
  );
}
