// What the catalog forms hold while a person edits: text, as typed. The entity schemas in
// ./catalog accept exactly these shapes (as well as typed JSON), so the same schema validates the
// form as you type, the server action and the API. Records convert to form values for editing.
import type { ContractInput, FlowDirection, ServiceInput, TeamInput } from "@/lib/validation/catalog";

export type TeamFormValues = { slug: string; name: string; description: string; email: string; chatChannel: string; oncallUrl: string };
export type FlowFormValues = { direction: FlowDirection; cluster: string; topic: string; purpose: string };
export type ServiceFormValues = {
  slug: string;
  name: string;
  description: string;
  team: string;
  tier: string;
  lifecycle: string;
  repositoryUrl: string;
  runbookUrl: string;
  tags: string;
  consumerGroups: string;
  flows: FlowFormValues[];
};
export type ContractFormValues = {
  cluster: string;
  topic: string;
  owner: string;
  description: string;
  partitions: string;
  retentionMs: string;
  lagObjectiveSec: string;
  compatibility: string;
  classification: string;
  valueSchema: string;
  keySchema: string;
  exampleMessage: string;
};

const text = (value: string | number | null | undefined) => (value === null || value === undefined ? "" : String(value));
const json = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value, null, 2));

export function toTeamFormValues(team: TeamInput | null): TeamFormValues {
  return {
    slug: text(team?.slug),
    name: text(team?.name),
    description: text(team?.description),
    email: text(team?.email),
    chatChannel: text(team?.chatChannel),
    oncallUrl: text(team?.oncallUrl),
  };
}

export function toServiceFormValues(service: ServiceInput | null, defaults: { team?: string } = {}): ServiceFormValues {
  return {
    slug: text(service?.slug),
    name: text(service?.name),
    description: text(service?.description),
    team: text(service?.team ?? defaults.team),
    tier: service?.tier ?? "medium",
    lifecycle: service?.lifecycle ?? "production",
    repositoryUrl: text(service?.repositoryUrl),
    runbookUrl: text(service?.runbookUrl),
    tags: (service?.tags ?? []).join(", "),
    consumerGroups: (service?.consumerGroups ?? []).join("\n"),
    flows: (service?.flows ?? []).map((flow) => ({ ...flow })),
  };
}

export function toContractFormValues(contract: ContractInput | null, defaults: { cluster?: string; owner?: string; topic?: string } = {}): ContractFormValues {
  return {
    cluster: text(contract?.cluster ?? defaults.cluster ?? "local"),
    topic: text(contract?.topic ?? defaults.topic),
    owner: text(contract?.owner ?? defaults.owner),
    description: text(contract?.description),
    partitions: text(contract?.partitions),
    retentionMs: text(contract?.retentionMs),
    lagObjectiveSec: text(contract?.lagObjectiveSec),
    compatibility: contract?.compatibility ?? "backward",
    classification: contract?.classification ?? "internal",
    valueSchema: json(contract?.valueSchema),
    keySchema: json(contract?.keySchema),
    exampleMessage: json(contract?.exampleMessage),
  };
}

export const TEAM_LABELS: Record<keyof TeamFormValues, string> = {
  slug: "Slug", name: "Name", description: "Description", email: "Email", chatChannel: "Chat channel", oncallUrl: "On-call link",
};
export const SERVICE_LABELS: Record<keyof ServiceFormValues, string> = {
  slug: "Slug", name: "Name", description: "Description", team: "Owner team", tier: "Tier", lifecycle: "Lifecycle",
  repositoryUrl: "Repository URL", runbookUrl: "Runbook URL", tags: "Tags", consumerGroups: "Consumer group ids", flows: "Declared flows",
};
export const CONTRACT_LABELS: Record<keyof ContractFormValues, string> = {
  cluster: "Cluster", topic: "Topic name", owner: "Owner service", description: "Description", partitions: "Partitions",
  retentionMs: "Retention (ms)", lagObjectiveSec: "Lag objective (seconds)", compatibility: "Compatibility", classification: "Data classification",
  valueSchema: "Value schema (JSON Schema)", keySchema: "Key schema (JSON Schema)", exampleMessage: "Example message (JSON)",
};

/** Fields whose values differ between two versions of a form, as text a person can read. */
export function diffFormValues<V extends Record<string, unknown>>(before: V, after: V, labels: Record<keyof V, string>) {
  const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value, null, 1));
  return (Object.keys(labels) as (keyof V & string)[])
    .filter((field) => show(before[field]) !== show(after[field]))
    .map((field) => ({ field, label: labels[field], before: show(before[field]), after: show(after[field]) }));
}
