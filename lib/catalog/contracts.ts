import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { contractSchema, expectedVersionSchema, type ContractInput } from "@/lib/validation/catalog";
import { getConfig } from "@/lib/env";
import { actorName, recordAudit, type AuditActor } from "@/lib/catalog/audit";
import { isJsonEqual } from "@/lib/catalog/json-equal";
import { contractInclude, contractKeyOf, toContractRecord, toJsonColumn, type ContractRecord } from "@/lib/catalog/records";
import { conflict, fromZodFailure, invalid, notFound, type WriteResult } from "@/lib/catalog/results";
import { checkKeys } from "@/lib/catalog/keys";
import { unconfiguredClusterMessage } from "@/lib/catalog/cluster-names";
import { isUniqueViolation } from "@/lib/catalog/prisma-errors";
import { checkSchemaCompatibility, describeCompatibilityIssue } from "@/lib/catalog/schema-compat";
import { recordSchemaVersionIn } from "@/lib/catalog/schema-history";

type Tx = Prisma.TransactionClient;

function columnsOf(contract: ContractInput, ownerServiceId: string) {
  return {
    ownerServiceId,
    description: contract.description,
    partitions: contract.partitions,
    retentionMs: contract.retentionMs === null ? null : BigInt(contract.retentionMs),
    lagObjectiveSec: contract.lagObjectiveSec,
    compatibility: contract.compatibility,
    classification: contract.classification,
    valueSchema: toJsonColumn(contract.valueSchema),
    keySchema: toJsonColumn(contract.keySchema),
    exampleMessage: toJsonColumn(contract.exampleMessage),
  };
}

async function findOwnerId(tx: Tx, slug: string): Promise<string | null> {
  return (await tx.service.findUnique({ where: { slug }, select: { id: true } }))?.id ?? null;
}

async function readContract(tx: Tx, cluster: string, topic: string): Promise<ContractRecord> {
  return toContractRecord(await tx.topicContract.findUniqueOrThrow({ where: { cluster_topic: { cluster, topic } }, include: contractInclude }));
}

function duplicateTopic(contract: { cluster: string; topic: string }) {
  return invalid({ topic: [`A contract for ${contractKeyOf(contract)} already exists`] });
}

/** A new contract must be for a cluster this server is configured with (existing ones stay editable). */
export async function createContract(db: PrismaClient, input: unknown, actor: AuditActor): Promise<WriteResult<ContractRecord>> {
  const parsed = contractSchema.safeParse(input);
  if (!parsed.success) return fromZodFailure(parsed.error);
  const contract = parsed.data;
  const clusters = getConfig().clusters.map((cluster) => cluster.name);
  if (!clusters.includes(contract.cluster)) return invalid({ cluster: [unconfiguredClusterMessage(contract.cluster, clusters)] });
  try {
    return await db.$transaction(async (tx): Promise<WriteResult<ContractRecord>> => {
      const key = { cluster: contract.cluster, topic: contract.topic };
      if (await tx.topicContract.findUnique({ where: { cluster_topic: key } })) return duplicateTopic(key);
      const ownerId = await findOwnerId(tx, contract.owner);
      if (!ownerId) return invalid({ owner: [`There is no service "${contract.owner}"`] });
      const created = await tx.topicContract.create({ data: { ...key, ...columnsOf(contract, ownerId) } });
      if (contract.valueSchema !== null || contract.keySchema !== null) await recordSchemaVersionIn(tx, created.id, contract, actorName(actor));
      const record = await readContract(tx, key.cluster, key.topic);
      await recordAudit(tx, { actor, action: "create", entityType: "contract", entityKey: contractKeyOf(key), before: null, after: record });
      return { ok: true, record };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return duplicateTopic(contract);
    throw error;
  }
}

export type UpdateContractOptions = {
  /** The editor saw the compatibility issues and saves anyway (recorded in the audit entry). */
  acceptBreakingChanges?: boolean;
};

/**
 * Saves `input` over the contract if it is still at `expectedVersion`. A schema change that breaks
 * the contract's compatibility mode is refused with the issues unless `acceptBreakingChanges`.
 * Every schema change adds a SchemaVersion (author, time).
 */
export async function updateContract(
  db: PrismaClient,
  key: { cluster: string; topic: string },
  expectedVersion: unknown,
  input: unknown,
  actor: AuditActor,
  options: UpdateContractOptions = {},
): Promise<WriteResult<ContractRecord>> {
  const badKey = checkKeys({ cluster: key.cluster, topic: key.topic });
  if (badKey) return badKey;
  const parsed = contractSchema.safeParse(input);
  const version = expectedVersionSchema.safeParse(expectedVersion);
  if (!parsed.success) return fromZodFailure(parsed.error);
  if (!version.success) return invalid({ version: version.error.issues.map((issue) => issue.message) });
  const contract = parsed.data;
  if (contract.cluster !== key.cluster) return invalid({ cluster: ["The cluster cannot be changed"] });
  if (contract.topic !== key.topic) return invalid({ topic: ["The topic name cannot be changed"] });

  return db.$transaction(async (tx): Promise<WriteResult<ContractRecord>> => {
    const existing = await tx.topicContract.findUnique({ where: { cluster_topic: key }, include: contractInclude });
    if (!existing) return notFound(`There is no contract for ${contractKeyOf(key)}`);
    const before = toContractRecord(existing);
    if (existing.version !== version.data) return conflict(`Contract ${contractKeyOf(key)}`, before);

    const issues = [
      ...checkSchemaCompatibility(before.valueSchema, contract.valueSchema, contract.compatibility),
      ...checkSchemaCompatibility(before.keySchema, contract.keySchema, contract.compatibility).map((issue) => ({ ...issue, path: `key${issue.path}` })),
    ];
    if (issues.length > 0 && !options.acceptBreakingChanges) {
      return {
        ok: false,
        reason: "invalid",
        message: `This schema change breaks ${contract.compatibility} compatibility`,
        fieldErrors: { valueSchema: issues.map((issue) => `Breaks ${contract.compatibility} compatibility: ${describeCompatibilityIssue(issue)}`) },
        compatibilityIssues: issues,
      };
    }
    const ownerId = await findOwnerId(tx, contract.owner);
    if (!ownerId) return invalid({ owner: [`There is no service "${contract.owner}"`] });

    const updated = await tx.topicContract.updateMany({
      where: { id: existing.id, version: version.data },
      data: { ...columnsOf(contract, ownerId), version: { increment: 1 } },
    });
    if (updated.count === 0) {
      // Re-read: under READ COMMITTED this statement sees the other editor's committed change.
      const current = await tx.topicContract.findUnique({ where: { cluster_topic: key }, include: contractInclude });
      return current ? conflict(`Contract ${contractKeyOf(key)}`, toContractRecord(current)) : notFound(`Contract ${contractKeyOf(key)} was deleted meanwhile`);
    }
    if (!isJsonEqual(before.valueSchema, contract.valueSchema) || !isJsonEqual(before.keySchema, contract.keySchema)) {
      await recordSchemaVersionIn(tx, existing.id, contract, actorName(actor));
    }
    const record = await readContract(tx, key.cluster, key.topic);
    const action = issues.length > 0 ? "update (breaking schema change accepted)" : "update";
    await recordAudit(tx, { actor, action, entityType: "contract", entityKey: contractKeyOf(key), before, after: record });
    return { ok: true, record };
  });
}

/** Deletes the contract with its schema history and the declared flows that point at it. */
export async function deleteContract(
  db: PrismaClient,
  key: { cluster: string; topic: string },
  expectedVersion: number | null,
  actor: AuditActor,
): Promise<WriteResult<ContractRecord>> {
  const badKey = checkKeys({ cluster: key.cluster, topic: key.topic });
  if (badKey) return badKey;
  return db.$transaction(async (tx): Promise<WriteResult<ContractRecord>> => {
    const existing = await tx.topicContract.findUnique({
      where: { cluster_topic: key },
      include: { ...contractInclude, flows: { include: { service: { select: { slug: true } } } } },
    });
    if (!existing) return notFound(`There is no contract for ${contractKeyOf(key)}`);
    const record = toContractRecord(existing);
    if (expectedVersion !== null && existing.version !== expectedVersion) return conflict(`Contract ${contractKeyOf(key)}`, record);
    await tx.topicContract.delete({ where: { id: existing.id } });
    const removedFlows = existing.flows.map((flow) => `${flow.service.slug} ${flow.direction}`).sort();
    await recordAudit(tx, {
      actor, action: "delete", entityType: "contract", entityKey: contractKeyOf(key), before: { ...record, declaredFlows: removedFlows }, after: null,
    });
    return { ok: true, record };
  });
}
