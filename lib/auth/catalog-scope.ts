import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { requirePermission } from "@/lib/auth/require";
import type { Principal } from "@/lib/auth/types";

type Key = { cluster: string; topic: string };

/** The team slug owning a service, or null when there is no such service (the domain answers 404/422 then). */
async function teamOfService(db: PrismaClient, serviceSlug: string): Promise<string | null> {
  const row = await db.service.findUnique({ where: { slug: serviceSlug }, select: { team: { select: { slug: true } } } });
  return row?.team.slug ?? null;
}

async function ownerOfContract(db: PrismaClient, key: Key): Promise<string | null> {
  const row = await db.topicContract.findUnique({ where: { cluster_topic: key }, select: { ownerService: { select: { slug: true } } } });
  return row?.ownerService.slug ?? null;
}

const textField = (body: unknown, name: string): string | null => {
  const value = (body as Record<string, unknown> | null)?.[name];
  return typeof value === "string" && value.trim() ? value.trim() : null;
};

/**
 * Writing a service needs `service.write` for the team that owns it now AND the team the body
 * gives it (moving a service needs both). With neither known (a create whose body names no team)
 * the caller must at least be an editor of some team: the domain then refuses the body with 422.
 */
export async function requireServiceWrite(principal: Principal | null, db: PrismaClient, target: { slug?: string; body?: unknown }): Promise<void> {
  const teams = [target.slug ? await teamOfService(db, target.slug) : null, textField(target.body, "team")];
  requireTeams(principal, teams, (team) => ({ kind: "service.write", team }));
}

/** Like `requireServiceWrite`, for the contract's owner service now and the owner the body names. */
export async function requireContractWrite(principal: Principal | null, db: PrismaClient, target: { key?: Key; body?: unknown }): Promise<void> {
  const owners = [target.key ? await ownerOfContract(db, target.key) : null, textField(target.body, "owner")];
  const teams = await Promise.all(owners.map((owner) => (owner ? teamOfService(db, owner) : null)));
  requireTeams(principal, teams, (team) => ({ kind: "contract.write", team }));
}

function requireTeams(principal: Principal | null, teams: (string | null)[], action: (team: string) => { kind: "service.write" | "contract.write"; team: string }) {
  const known = [...new Set(teams.filter((team): team is string => team !== null))];
  if (known.length === 0) known.push(principal?.teams[0] ?? "");
  for (const team of known) requirePermission(principal, action(team));
}
