// What the catalog forms hold while a person edits: text, as typed. `fromXForm` turns that text
// into the typed values the entity schemas in ./catalog take (strictly: "3abc" is not a number), so
// the form (as you type), its server action and the API all validate with the same schema.
// Records convert to form values for editing.
import { z } from "zod";
import { contractSchema, serviceSchema, teamSchema } from "@/lib/validation/catalog";
import type { ContractInput, FlowDirection, ServiceInput, TeamInput } from "@/lib/validation/catalog";
import { UnparsedJsonText } from "@/lib/validation/fields";
import { LIMITS } from "@/lib/validation/limits";
import { describeForbiddenCharacter } from "@/lib/validation/text";

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
  producerHeaderValues: string;
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
    producerHeaderValues: (service?.producerHeaderValues ?? []).join("\n"),
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
  repositoryUrl: "Repository URL", runbookUrl: "Runbook URL", tags: "Tags", consumerGroups: "Consumer group ids",
  producerHeaderValues: "Producer header values", flows: "Declared flows",
};
export const CONTRACT_LABELS: Record<keyof ContractFormValues, string> = {
  cluster: "Cluster", topic: "Topic name", owner: "Owner service", description: "Description", partitions: "Partitions",
  retentionMs: "Retention (ms)", lagObjectiveSec: "Lag objective (seconds)", compatibility: "Compatibility", classification: "Data classification",
  valueSchema: "Value schema (JSON Schema)", keySchema: "Key schema (JSON Schema)", exampleMessage: "Example message (JSON)",
};

/**
 * The inputs' `maxLength`: the limits the schemas enforce. Lists and JSON text areas have none:
 * their limits apply per entry and to the parsed document.
 */
export const TEAM_MAX_LENGTHS: Partial<Record<keyof TeamFormValues, number>> = {
  slug: LIMITS.kafkaName, name: LIMITS.displayName, description: LIMITS.description, email: LIMITS.email, chatChannel: LIMITS.chatChannel, oncallUrl: LIMITS.url,
};
export const SERVICE_MAX_LENGTHS: Partial<Record<keyof ServiceFormValues, number>> = {
  slug: LIMITS.kafkaName, name: LIMITS.displayName, description: LIMITS.description, team: LIMITS.kafkaName, repositoryUrl: LIMITS.url, runbookUrl: LIMITS.url,
};
export const FLOW_MAX_LENGTHS: Partial<Record<keyof FlowFormValues, number>> = { topic: LIMITS.kafkaName, purpose: LIMITS.flowPurpose };
export const CONTRACT_MAX_LENGTHS: Partial<Record<keyof ContractFormValues, number>> = {
  topic: LIMITS.kafkaName, owner: LIMITS.kafkaName, description: LIMITS.description,
};

/** Fields whose values differ between two versions of a form, as text a person can read. */
export function diffFormValues<V extends Record<string, unknown>>(before: V, after: V, labels: Record<keyof V, string>) {
  const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value, null, 1));
  return (Object.keys(labels) as (keyof V & string)[])
    .filter((field) => show(before[field]) !== show(after[field]))
    .map((field) => ({ field, label: labels[field], before: show(before[field]), after: show(after[field]) }));
}

const INTEGER_TEXT = /^[+-]?\d+$/;

/** "" is "not given"; digits are a number; anything else stays text, which the schema refuses. */
function integerFromText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim();
  if (text === "" && describeForbiddenCharacter(value, "single-line") === null) return null;
  return INTEGER_TEXT.test(text) ? Number(text) : value;
}

/** JSON typed into a text area; text with control characters stays text so the schema reports it as malformed. */
function jsonFromText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  if (describeForbiddenCharacter(value, "multi-line") !== null) return value;
  if (value.trim() === "") return null;
  try {
    return JSON.parse(value) as unknown;
  } catch (error) {
    return new UnparsedJsonText((error as Error).message);
  }
}

/** "a, b" or one per line. */
function listFromText(value: unknown): unknown {
  return typeof value === "string" ? value.split(/[,\n]/) : value;
}

function convertFields(values: unknown, converters: Record<string, (value: unknown) => unknown>): unknown {
  if (typeof values !== "object" || values === null || Array.isArray(values)) return values;
  const converted: Record<string, unknown> = { ...(values as Record<string, unknown>) };
  for (const [field, convert] of Object.entries(converters)) if (field in converted) converted[field] = convert(converted[field]);
  return converted;
}

/** A team form's values as a write takes them (all text already). */
export function fromTeamForm(values: unknown): unknown {
  return values;
}

/** A service form's values as a write takes them: tags, consumer group ids and producer header values as lists. */
export function fromServiceForm(values: unknown): unknown {
  return convertFields(values, { tags: listFromText, consumerGroups: listFromText, producerHeaderValues: listFromText });
}

/** A contract form's values as a write takes them: numbers and JSON parsed from their text. */
export function fromContractForm(values: unknown): unknown {
  return convertFields(values, {
    partitions: integerFromText,
    retentionMs: integerFromText,
    lagObjectiveSec: integerFromText,
    valueSchema: jsonFromText,
    keySchema: jsonFromText,
    exampleMessage: jsonFromText,
  });
}

/** The forms' schemas: form text in, the entity's typed values out; field errors keyed like the form. */
export const teamFormSchema = z.unknown().transform(fromTeamForm).pipe(teamSchema);
export const serviceFormSchema = z.unknown().transform(fromServiceForm).pipe(serviceSchema);
export const contractFormSchema = z.unknown().transform(fromContractForm).pipe(contractSchema);
