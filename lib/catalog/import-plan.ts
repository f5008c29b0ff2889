// The dry-run diff of a catalog file against the database. Entries are matched by slug (teams,
// services) and cluster/topic (contracts). Entries absent from the file are left alone and listed
// as "not in file"; the one exception is declared flows: for every service the file lists, its
// flows become exactly the file's (flows missing from the file are deleted), since the file is the
// only place to say a service stopped consuming a topic.
import type { CatalogFile, CatalogFileFlow, ServiceFlowInput } from "@/lib/validation/catalog";
import { entriesOf, type CatalogFileError, type PartialCatalogFile } from "@/lib/catalog/catalog-file";
import { listChangedFields, type FieldChange } from "@/lib/catalog/json-equal";
import {
  compareFlows, contractInclude, contractKeyOf, serviceInclude, toContractRecord, toServiceRecord, toTeamRecord,
  type CatalogDb, type ContractRecord, type ServiceRecord, type TeamRecord,
} from "@/lib/catalog/records";
import { checkSchemaCompatibility, describeCompatibilityIssue } from "@/lib/catalog/schema-compat";
import { unconfiguredClusterMessage } from "@/lib/catalog/cluster-names";

export type ImportAction = "create" | "update" | "unchanged" | "delete";
export type ImportEntityType = "team" | "service" | "contract" | "flow";
export type ImportChange = { entityType: ImportEntityType; key: string; action: ImportAction; changes: FieldChange[] };

export type ImportPlan = {
  changes: ImportChange[];
  counts: Record<ImportAction, number>;
  /** Schema changes that break the contract's compatibility mode: applied, but flagged first. */
  warnings: string[];
  /** In the database but not in the file: kept as they are. */
  notInFile: { teams: string[]; services: string[]; contracts: string[] };
};

export type ExistingCatalog = {
  teams: Map<string, TeamRecord>;
  services: Map<string, ServiceRecord>;
  contracts: Map<string, ContractRecord>;
};

const TEAM_FIELDS = ["name", "description", "email", "chatChannel", "oncallUrl"] as const;
const SERVICE_FIELDS = ["name", "description", "team", "tier", "lifecycle", "repositoryUrl", "runbookUrl", "tags", "consumerGroups", "producerHeaderValues"] as const;
const CONTRACT_FIELDS = [
  "owner", "description", "partitions", "retentionMs", "lagObjectiveSec", "compatibility", "classification", "valueSchema", "keySchema", "exampleMessage",
] as const;

export async function readExistingCatalog(db: CatalogDb): Promise<ExistingCatalog> {
  // One after another: inside a transaction they share one connection anyway.
  const teams = await db.team.findMany();
  const services = await db.service.findMany({ include: serviceInclude });
  const contracts = await db.topicContract.findMany({ include: contractInclude });
  return {
    teams: new Map(teams.map((row) => [row.slug, toTeamRecord(row)])),
    services: new Map(services.map((row) => [row.slug, toServiceRecord(row)])),
    contracts: new Map(contracts.map((row) => [contractKeyOf(row), toContractRecord(row)])),
  };
}

export function flowKey(service: string, flow: ServiceFlowInput): string {
  return `${service} ${flow.direction} ${contractKeyOf(flow)}`;
}

/**
 * References the file makes to things that exist neither in the file nor in the database, and new
 * contracts for clusters that are not configured (existing ones stay importable).
 */
export function checkReferences(file: PartialCatalogFile, existing: ExistingCatalog, clusters: readonly string[]): CatalogFileError[] {
  const teams = entriesOf(file.teams).map(([, team]) => team);
  const services = entriesOf(file.services);
  const contracts = entriesOf(file.contracts);
  const knownTeams = new Set([...existing.teams.keys(), ...teams.map((team) => team.slug)]);
  const knownServices = new Set([...existing.services.keys(), ...services.map(([, service]) => service.slug)]);
  const knownContracts = new Set([...existing.contracts.keys(), ...contracts.map(([, contract]) => contractKeyOf(contract))]);
  const fileServices = new Set(services.map(([, service]) => service.slug));
  const errors: CatalogFileError[] = [];
  for (const [index, service] of services) {
    if (!knownTeams.has(service.team)) errors.push({ path: `services[${index}].team`, message: `There is no team "${service.team}"` });
    for (const other of existing.services.values()) {
      if (fileServices.has(other.slug)) continue;
      for (const group of service.consumerGroups.filter((id) => other.consumerGroups.includes(id))) {
        errors.push({ path: `services[${index}].consumerGroups`, message: `Consumer group "${group}" already belongs to service "${other.slug}"` });
      }
      for (const value of service.producerHeaderValues.filter((id) => other.producerHeaderValues.includes(id))) {
        errors.push({ path: `services[${index}].producerHeaderValues`, message: `Producer header value "${value}" already belongs to service "${other.slug}"` });
      }
    }
  }
  for (const [index, contract] of contracts) {
    if (!clusters.includes(contract.cluster) && !existing.contracts.has(contractKeyOf(contract))) {
      errors.push({ path: `contracts[${index}].cluster`, message: unconfiguredClusterMessage(contract.cluster, clusters) });
    }
    if (!knownServices.has(contract.owner)) errors.push({ path: `contracts[${index}].owner`, message: `There is no service "${contract.owner}"` });
  }
  for (const [index, flow] of entriesOf(file.flows)) {
    if (!knownContracts.has(contractKeyOf(flow))) errors.push({ path: `flows[${index}].topic`, message: `There is no contract for ${contractKeyOf(flow)}` });
  }
  return errors;
}

function entry(entityType: ImportEntityType, key: string, before: Record<string, unknown> | undefined, after: Record<string, unknown>, fields: readonly string[]): ImportChange {
  if (!before) return { entityType, key, action: "create", changes: [] };
  const changes = listChangedFields(before, after, fields);
  return { entityType, key, action: changes.length > 0 ? "update" : "unchanged", changes };
}

function flowsOf(file: CatalogFile, service: string): ServiceFlowInput[] {
  return file.flows
    .filter((flow: CatalogFileFlow) => flow.service === service)
    .map(({ service: _service, ...flow }) => flow)
    .sort(compareFlows);
}

/** The diff a dry run shows and an apply performs. The file must already be parsed and reference-checked. */
export function planImport(file: CatalogFile, existing: ExistingCatalog): ImportPlan {
  const changes: ImportChange[] = [];
  const warnings: string[] = [];
  for (const team of file.teams) changes.push(entry("team", team.slug, existing.teams.get(team.slug), team, TEAM_FIELDS));
  for (const service of file.services) {
    changes.push(entry("service", service.slug, existing.services.get(service.slug), service, SERVICE_FIELDS));
  }
  for (const contract of file.contracts) {
    const key = contractKeyOf(contract);
    const before = existing.contracts.get(key);
    changes.push(entry("contract", key, before, contract, CONTRACT_FIELDS));
    if (before) {
      const issues = checkSchemaCompatibility(before.valueSchema, contract.valueSchema, contract.compatibility);
      warnings.push(...issues.map((issue) => `${key}: breaks ${contract.compatibility} compatibility: ${describeCompatibilityIssue(issue)}`));
    }
  }
  for (const service of file.services) {
    const wanted = new Map(flowsOf(file, service.slug).map((flow) => [flowKey(service.slug, flow), flow]));
    const current = new Map((existing.services.get(service.slug)?.flows ?? []).map((flow) => [flowKey(service.slug, flow), flow]));
    for (const [key, flow] of wanted) changes.push(entry("flow", key, current.get(key), flow, ["purpose"]));
    for (const key of current.keys()) if (!wanted.has(key)) changes.push({ entityType: "flow", key, action: "delete", changes: [] });
  }

  const counts: Record<ImportAction, number> = { create: 0, update: 0, unchanged: 0, delete: 0 };
  for (const change of changes) counts[change.action] += 1;
  const inFile = {
    teams: new Set(file.teams.map((team) => team.slug)),
    services: new Set(file.services.map((service) => service.slug)),
    contracts: new Set(file.contracts.map(contractKeyOf)),
  };
  return {
    changes,
    counts,
    warnings,
    notInFile: {
      teams: [...existing.teams.keys()].filter((slug) => !inFile.teams.has(slug)).sort(),
      services: [...existing.services.keys()].filter((slug) => !inFile.services.has(slug)).sort(),
      contracts: [...existing.contracts.keys()].filter((key) => !inFile.contracts.has(key)).sort(),
    },
  };
}

