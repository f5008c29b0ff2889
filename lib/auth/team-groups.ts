import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/catalog/audit";
import { isUniqueViolation } from "@/lib/catalog/prisma-errors";
import type { Principal } from "@/lib/auth/types";

export type ProviderGroupResult =
  | { ok: true; team: { slug: string; providerGroup: string | null } }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "taken"; byTeam: string };

/** The provider group of a team; undefined when there is no such team. */
export async function getTeamProviderGroup(db: PrismaClient, slug: string): Promise<string | null | undefined> {
  const row = await db.team.findUnique({ where: { slug }, select: { providerGroup: true } });
  return row ? row.providerGroup : undefined;
}

/**
 * Maps a team to a provider group (the role mapping of team membership; admins only, checked by
 * the caller). One group per team and one team per group; audited as an update of the team.
 */
export async function setTeamProviderGroup(db: PrismaClient, slug: string, providerGroup: string | null, actor: Principal): Promise<ProviderGroupResult> {
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.team.findUnique({ where: { slug }, select: { providerGroup: true } });
      if (!before) return { ok: false, reason: "not-found" } as const;
      if (providerGroup !== null) {
        const holder = await tx.team.findUnique({ where: { providerGroup }, select: { slug: true } });
        if (holder && holder.slug !== slug) return { ok: false, reason: "taken", byTeam: holder.slug } as const;
      }
      await tx.team.update({ where: { slug }, data: { providerGroup } });
      await recordAudit(tx, { actor, action: "update", entityType: "team", entityKey: slug, before: { providerGroup: before.providerGroup }, after: { providerGroup } });
      return { ok: true, team: { slug, providerGroup } } as const;
    });
  } catch (error) {
    // Two admins mapping the same group at once: the unique index decides.
    if (isUniqueViolation(error)) return { ok: false, reason: "taken", byTeam: "another team" };
    throw error;
  }
}
