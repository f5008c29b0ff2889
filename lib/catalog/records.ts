// Catalog rows as plain, JSON-safe records in the same shape as the zod inputs, so a record can
// prefill a form, be compared with an edit (conflicts, import diffs), go into the audit log and be
// exported to YAML without further mapping. No "server-only": the CLI import/export uses it too.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { DeclaredFlow, Service, Team, TopicContract } from "@/lib/generated/prisma/client";
import type { ContractInput, ServiceFlowInput, ServiceInput, TeamInput } from "@/lib/validation/catalog";

/** The app's client, or the client of an open transaction. */
export type CatalogDb = PrismaClient | Prisma.TransactionClient;

type Versioned = { version: number; updatedAt: string };
export type TeamRecord = TeamInput & Versioned;
export type ServiceRecord = ServiceInput & Versioned;
export type ContractRecord = ContractInput & Versioned;

export const serviceInclude = {
  team: { select: { slug: true } },
  flows: { include: { contract: { select: { cluster: true, topic: true } } } },
} satisfies Prisma.ServiceInclude;

export const contractInclude = { ownerService: { select: { slug: true } } } satisfies Prisma.TopicContractInclude;

type ServiceRow = Service & {
  team: { slug: string };
  flows: (DeclaredFlow & { contract: { cluster: string; topic: string } })[];
};
type ContractRow = TopicContract & { ownerService: { slug: string } };

export function compareFlows(a: ServiceFlowInput, b: ServiceFlowInput): number {
  return a.direction.localeCompare(b.direction) || a.cluster.localeCompare(b.cluster) || a.topic.localeCompare(b.topic);
}

export function toTeamRecord(row: Team): TeamRecord {
  return {
    slug: row.slug,
    name: row.name,
    description: row.description,
    email: row.email,
    chatChannel: row.chatChannel,
    oncallUrl: row.oncallUrl,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toServiceRecord(row: ServiceRow): ServiceRecord {
  return {
    slug: row.slug,
    name: row.name,
    description: row.description,
    team: row.team.slug,
    tier: row.tier,
    lifecycle: row.lifecycle,
    repositoryUrl: row.repositoryUrl,
    runbookUrl: row.runbookUrl,
    tags: row.tags,
    consumerGroups: row.consumerGroups,
    producerHeaderValues: row.producerHeaderValues,
    flows: row.flows
      .map((flow) => ({ direction: flow.direction, cluster: flow.contract.cluster, topic: flow.contract.topic, purpose: flow.purpose }))
      .sort(compareFlows),
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toContractRecord(row: ContractRow): ContractRecord {
  return {
    cluster: row.cluster,
    topic: row.topic,
    owner: row.ownerService.slug,
    description: row.description,
    partitions: row.partitions,
    // BigInt column; retention fits comfortably in a double (2^53 ms is 285,000 years).
    retentionMs: row.retentionMs === null ? null : Number(row.retentionMs),
    lagObjectiveSec: row.lagObjectiveSec,
    compatibility: row.compatibility,
    classification: row.classification,
    valueSchema: row.valueSchema ?? null,
    keySchema: row.keySchema ?? null,
    exampleMessage: row.exampleMessage ?? null,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Prisma wants DbNull, not null, to clear a nullable Json column. */
export function toJsonColumn(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null || value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}

/** The record without bookkeeping fields: what a person edits, compares and exports. */
export function withoutBookkeeping<T extends Versioned>(record: T): Omit<T, "version" | "updatedAt"> {
  const { version: _version, updatedAt: _updatedAt, ...rest } = record;
  return rest;
}

export function contractKeyOf(contract: { cluster: string; topic: string }): string {
  return `${contract.cluster}/${contract.topic}`;
}
