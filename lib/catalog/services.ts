import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { expectedVersionSchema, serviceSchema, type ServiceInput } from "@/lib/validation/catalog";
import type { FieldErrors } from "@/lib/validation/field-errors";
import { recordAudit, type AuditActor } from "@/lib/catalog/audit";
import { contractKeyOf, serviceInclude, toServiceRecord, type ServiceRecord } from "@/lib/catalog/records";
import { conflict, fromZodFailure, invalid, notFound, refused, type WriteResult } from "@/lib/catalog/results";
import { checkKeys } from "@/lib/catalog/keys";
import { isForeignKeyViolation, isUniqueViolation } from "@/lib/catalog/prisma-errors";

type Tx = Prisma.TransactionClient;
type Resolved = { teamId: string; flows: { contractId: string; direction: ServiceInput["flows"][number]["direction"]; purpose: string }[] };

/** Turns slugs and topic names into ids, or field errors saying which reference is unknown. */
async function resolveReferences(tx: Tx, service: ServiceInput): Promise<{ ok: true; value: Resolved } | { ok: false; fieldErrors: FieldErrors }> {
  const fieldErrors: FieldErrors = {};
  const team = await tx.team.findUnique({ where: { slug: service.team }, select: { id: true } });
  if (!team) fieldErrors.team = [`There is no team "${service.team}"`];

  const flows: Resolved["flows"] = [];
  for (const [index, flow] of service.flows.entries()) {
    const contract = await tx.topicContract.findUnique({
      where: { cluster_topic: { cluster: flow.cluster, topic: flow.topic } },
      select: { id: true },
    });
    if (contract) flows.push({ contractId: contract.id, direction: flow.direction, purpose: flow.purpose });
    else fieldErrors[`flows.${index}.topic`] = [`There is no contract for ${contractKeyOf(flow)}; create the contract first`];
  }

  // A consumer group id is the join key to live data: it must name exactly one service.
  if (service.consumerGroups.length > 0) {
    const others = await tx.service.findMany({
      where: { slug: { not: service.slug }, consumerGroups: { hasSome: service.consumerGroups } },
      select: { slug: true, consumerGroups: true },
    });
    const taken = others.flatMap((other) =>
      other.consumerGroups.filter((group) => service.consumerGroups.includes(group)).map((group) => `"${group}" already belongs to service "${other.slug}"`),
    );
    if (taken.length > 0) fieldErrors.consumerGroups = taken;
  }

  // Likewise a producer header value names one service: the join key from sampled records.
  if (service.producerHeaderValues.length > 0) {
    const others = await tx.service.findMany({
      where: { slug: { not: service.slug }, producerHeaderValues: { hasSome: service.producerHeaderValues } },
      select: { slug: true, producerHeaderValues: true },
    });
    const taken = others.flatMap((other) =>
      other.producerHeaderValues
        .filter((value) => service.producerHeaderValues.includes(value))
        .map((value) => `"${value}" already belongs to service "${other.slug}"`),
    );
    if (taken.length > 0) fieldErrors.producerHeaderValues = taken;
  }

  if (Object.keys(fieldErrors).length > 0 || !team) return { ok: false, fieldErrors };
  return { ok: true, value: { teamId: team.id, flows } };
}

function columnsOf(service: ServiceInput, teamId: string) {
  return {
    name: service.name,
    description: service.description,
    teamId,
    tier: service.tier,
    lifecycle: service.lifecycle,
    repositoryUrl: service.repositoryUrl,
    runbookUrl: service.runbookUrl,
    tags: service.tags,
    consumerGroups: service.consumerGroups,
    producerHeaderValues: service.producerHeaderValues,
  };
}

async function readService(tx: Tx, slug: string): Promise<ServiceRecord> {
  return toServiceRecord(await tx.service.findUniqueOrThrow({ where: { slug }, include: serviceInclude }));
}

function duplicateSlug(slug: string) {
  return invalid({ slug: [`A service with slug "${slug}" already exists`] });
}

export async function createService(db: PrismaClient, input: unknown, actor: AuditActor): Promise<WriteResult<ServiceRecord>> {
  const parsed = serviceSchema.safeParse(input);
  if (!parsed.success) return fromZodFailure(parsed.error);
  const service = parsed.data;
  try {
    return await db.$transaction(async (tx): Promise<WriteResult<ServiceRecord>> => {
      if (await tx.service.findUnique({ where: { slug: service.slug } })) return duplicateSlug(service.slug);
      const resolved = await resolveReferences(tx, service);
      if (!resolved.ok) return invalid(resolved.fieldErrors);
      const created = await tx.service.create({ data: { slug: service.slug, ...columnsOf(service, resolved.value.teamId) } });
      await tx.declaredFlow.createMany({ data: resolved.value.flows.map((flow) => ({ ...flow, serviceId: created.id })) });
      const record = await readService(tx, service.slug);
      await recordAudit(tx, { actor, action: "create", entityType: "service", entityKey: service.slug, before: null, after: record });
      return { ok: true, record };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return duplicateSlug(service.slug);
    throw error;
  }
}

/** Saves `input` (including its declared flows, which replace the old ones) if the service is still at `expectedVersion`. */
export async function updateService(
  db: PrismaClient,
  slug: string,
  expectedVersion: unknown,
  input: unknown,
  actor: AuditActor,
): Promise<WriteResult<ServiceRecord>> {
  const badKey = checkKeys({ slug });
  if (badKey) return badKey;
  const parsed = serviceSchema.safeParse(input);
  const version = expectedVersionSchema.safeParse(expectedVersion);
  if (!parsed.success) return fromZodFailure(parsed.error);
  if (!version.success) return invalid({ version: version.error.issues.map((issue) => issue.message) });
  if (parsed.data.slug !== slug) return invalid({ slug: ["The slug cannot be changed"] });
  const service = parsed.data;

  return db.$transaction(async (tx): Promise<WriteResult<ServiceRecord>> => {
    const existing = await tx.service.findUnique({ where: { slug }, include: serviceInclude });
    if (!existing) return notFound(`There is no service "${slug}"`);
    const before = toServiceRecord(existing);
    if (existing.version !== version.data) return conflict(`Service "${slug}"`, before);
    const resolved = await resolveReferences(tx, service);
    if (!resolved.ok) return invalid(resolved.fieldErrors);
    const updated = await tx.service.updateMany({
      where: { slug, version: version.data },
      data: { ...columnsOf(service, resolved.value.teamId), version: { increment: 1 } },
    });
    if (updated.count === 0) {
      // Re-read: under READ COMMITTED this statement sees the other editor's committed change.
      const current = await tx.service.findUnique({ where: { slug }, include: serviceInclude });
      return current ? conflict(`Service "${slug}"`, toServiceRecord(current)) : notFound(`Service "${slug}" was deleted meanwhile`);
    }
    await tx.declaredFlow.deleteMany({ where: { serviceId: existing.id } });
    await tx.declaredFlow.createMany({ data: resolved.value.flows.map((flow) => ({ ...flow, serviceId: existing.id })) });
    const record = await readService(tx, slug);
    await recordAudit(tx, { actor, action: "update", entityType: "service", entityKey: slug, before, after: record });
    return { ok: true, record };
  });
}

/** Deletes the service and its declared flows, unless it owns contracts (never orphan them). */
export async function deleteService(
  db: PrismaClient,
  slug: string,
  expectedVersion: number | null,
  actor: AuditActor,
): Promise<WriteResult<ServiceRecord>> {
  const badKey = checkKeys({ slug });
  if (badKey) return badKey;
  try {
    return await db.$transaction(async (tx): Promise<WriteResult<ServiceRecord>> => {
      const existing = await tx.service.findUnique({
        where: { slug },
        include: { ...serviceInclude, contracts: { select: { cluster: true, topic: true }, orderBy: [{ cluster: "asc" }, { topic: "asc" }] } },
      });
      if (!existing) return notFound(`There is no service "${slug}"`);
      const record = toServiceRecord(existing);
      if (expectedVersion !== null && existing.version !== expectedVersion) return conflict(`Service "${slug}"`, record);
      if (existing.contracts.length > 0) {
        const owned = existing.contracts.map(contractKeyOf);
        const noun = owned.length === 1 ? "contract" : "contracts";
        return refused(
          `Service "${slug}" owns ${owned.length} topic ${noun} (${owned.join(", ")}). Give them another owner or delete them first.`,
        );
      }
      await tx.service.delete({ where: { slug } });
      await recordAudit(tx, { actor, action: "delete", entityType: "service", entityKey: slug, before: record, after: null });
      return { ok: true, record };
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) return refused(`Service "${slug}" gained a contract while it was being deleted; try again.`);
    throw error;
  }
}
