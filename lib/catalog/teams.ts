import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { teamSchema, expectedVersionSchema } from "@/lib/validation/catalog";
import { recordAudit, type AuditActor } from "@/lib/catalog/audit";
import { toTeamRecord, type CatalogDb, type TeamRecord } from "@/lib/catalog/records";
import { conflict, fromZodFailure, invalid, notFound, refused, type WriteResult } from "@/lib/catalog/results";
import { checkKeys, isLookupKey } from "@/lib/catalog/keys";
import { isForeignKeyViolation, isUniqueViolation } from "@/lib/catalog/prisma-errors";

export type TeamSummary = TeamRecord & { serviceCount: number };
export type TeamDetail = TeamRecord & { services: { slug: string; name: string; tier: string; lifecycle: string }[] };

export async function listTeams(db: CatalogDb): Promise<TeamSummary[]> {
  const rows = await db.team.findMany({ orderBy: { slug: "asc" }, include: { _count: { select: { services: true } } } });
  return rows.map((row) => ({ ...toTeamRecord(row), serviceCount: row._count.services }));
}

export async function getTeam(db: CatalogDb, slug: string): Promise<TeamDetail | null> {
  if (!isLookupKey(slug)) return null;
  const row = await db.team.findUnique({
    where: { slug },
    include: { services: { orderBy: { slug: "asc" }, select: { slug: true, name: true, tier: true, lifecycle: true } } },
  });
  return row ? { ...toTeamRecord(row), services: row.services } : null;
}

function duplicateSlug(slug: string) {
  return invalid({ slug: [`A team with slug "${slug}" already exists`] });
}

export async function createTeam(db: PrismaClient, input: unknown, actor: AuditActor): Promise<WriteResult<TeamRecord>> {
  const parsed = teamSchema.safeParse(input);
  if (!parsed.success) return fromZodFailure(parsed.error);
  const team = parsed.data;
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.team.findUnique({ where: { slug: team.slug } })) return duplicateSlug(team.slug);
      const record = toTeamRecord(await tx.team.create({ data: team }));
      await recordAudit(tx, { actor, action: "create", entityType: "team", entityKey: team.slug, before: null, after: record });
      return { ok: true, record };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return duplicateSlug(team.slug);
    throw error;
  }
}

/** Saves `input` over the team if it is still at `expectedVersion`; otherwise a conflict with the current record. */
export async function updateTeam(
  db: PrismaClient,
  slug: string,
  expectedVersion: unknown,
  input: unknown,
  actor: AuditActor,
): Promise<WriteResult<TeamRecord>> {
  const badKey = checkKeys({ slug });
  if (badKey) return badKey;
  const parsed = teamSchema.safeParse(input);
  const version = expectedVersionSchema.safeParse(expectedVersion);
  if (!parsed.success) return fromZodFailure(parsed.error);
  if (!version.success) return invalid({ version: version.error.issues.map((issue) => issue.message) });
  if (parsed.data.slug !== slug) return invalid({ slug: ["The slug cannot be changed"] });
  const { slug: _slug, ...changes } = parsed.data;

  return db.$transaction(async (tx) => {
    const existing = await tx.team.findUnique({ where: { slug } });
    if (!existing) return notFound(`There is no team "${slug}"`);
    const updated = await tx.team.updateMany({
      where: { slug, version: version.data },
      data: { ...changes, version: { increment: 1 } },
    });
    // Re-read: under READ COMMITTED this statement sees the other editor's committed change.
    if (updated.count === 0) {
      const current = await tx.team.findUnique({ where: { slug } });
      return current ? conflict(`Team "${slug}"`, toTeamRecord(current)) : notFound(`Team "${slug}" was deleted meanwhile`);
    }
    const record = toTeamRecord(await tx.team.findUniqueOrThrow({ where: { slug } }));
    await recordAudit(tx, { actor, action: "update", entityType: "team", entityKey: slug, before: toTeamRecord(existing), after: record });
    return { ok: true, record };
  });
}

/** Deletes the team unless it still owns services (never orphan them). `expectedVersion` null skips the concurrency check. */
export async function deleteTeam(
  db: PrismaClient,
  slug: string,
  expectedVersion: number | null,
  actor: AuditActor,
): Promise<WriteResult<TeamRecord>> {
  const badKey = checkKeys({ slug });
  if (badKey) return badKey;
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.team.findUnique({ where: { slug }, include: { services: { select: { slug: true }, orderBy: { slug: "asc" } } } });
      if (!existing) return notFound(`There is no team "${slug}"`);
      const record = toTeamRecord(existing);
      if (expectedVersion !== null && existing.version !== expectedVersion) return conflict(`Team "${slug}"`, record);
      if (existing.services.length > 0) return refusalForServices(slug, existing.services.map((service) => service.slug));
      await tx.team.delete({ where: { slug } });
      await recordAudit(tx, { actor, action: "delete", entityType: "team", entityKey: slug, before: record, after: null });
      return { ok: true, record };
    });
  } catch (error) {
    // A service was added to the team between our check and the delete.
    if (isForeignKeyViolation(error)) return refused(`Team "${slug}" gained a service while it was being deleted; try again.`);
    throw error;
  }
}

function refusalForServices(slug: string, services: string[]) {
  const noun = services.length === 1 ? "service" : "services";
  return refused(
    `Team "${slug}" still owns ${services.length} ${noun} (${services.join(", ")}). Move them to another team or delete them first.`,
  );
}
