"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { runAction, type ActionFailure } from "@/lib/api/action";
import { requireWritten } from "@/lib/api/write-result";
import { getDb } from "@/lib/db";
import { requirePermission } from "@/lib/auth/require";
import { setTeamProviderGroup } from "@/lib/auth/team-groups";
import { notFound, unprocessable } from "@/lib/api/errors";
import { providerGroupSchema } from "@/lib/validation/api/provider-group";
import { fromTeamForm } from "@/lib/validation/catalog-forms";
import { createTeam, deleteTeam, updateTeam } from "@/lib/catalog/teams";
import { slugTargetSchema } from "@/lib/validation/catalog-api";
import type { TeamRecord } from "@/lib/catalog/records";

// Thin actions: lib/api/action.ts refuses cross-site calls, parses the input and maps failures;
// the domain validates the values. Redirects happen after the wrapper, never inside a try.

export type TeamActionResult = ActionFailure<TeamRecord> | null;

const updateInput = slugTargetSchema.extend({ values: z.unknown() });

export async function createTeamAction(_previous: TeamActionResult, values: unknown): Promise<TeamActionResult> {
  const outcome = await runAction({ input: z.unknown() }, values, async (input, { actor }) => {
    requirePermission(actor, { kind: "team.write" });
    return requireWritten(await createTeam(getDb(), fromTeamForm(input), actor));
  });
  if (!outcome.ok) return outcome as ActionFailure<TeamRecord>;
  revalidatePath("/catalog", "layout");
  redirect(`/catalog/teams/${encodeURIComponent(outcome.value.slug)}?saved=1`);
}

export async function updateTeamAction(
  _previous: TeamActionResult,
  input: { slug: string; version: number; values: unknown },
): Promise<TeamActionResult> {
  const outcome = await runAction({ input: updateInput }, input, async ({ slug, version, values }, { actor }) => {
    requirePermission(actor, { kind: "team.write" });
    return requireWritten(await updateTeam(getDb(), slug, version, fromTeamForm(values), actor));
  });
  if (!outcome.ok) return outcome as ActionFailure<TeamRecord>;
  revalidatePath("/catalog", "layout");
  redirect(`/catalog/teams/${encodeURIComponent(outcome.value.slug)}?saved=1`);
}

export async function deleteTeamAction(_previous: TeamActionResult, input: { slug: string; version: number }): Promise<TeamActionResult> {
  const outcome = await runAction({ input: slugTargetSchema }, input, async ({ slug, version }, { actor }) => {
    requirePermission(actor, { kind: "team.write" });
    requireWritten(await deleteTeam(getDb(), slug, version, actor));
    return slug;
  });
  if (!outcome.ok) return outcome as ActionFailure<TeamRecord>;
  revalidatePath("/catalog", "layout");
  redirect(`/catalog/teams?deleted=${encodeURIComponent(outcome.value)}`);
}

export type ProviderGroupActionResult = ActionFailure | { ok: true; providerGroup: string | null } | null;
const providerGroupInput = z.object({ slug: z.string(), providerGroup: providerGroupSchema });

/** Maps the team to its identity provider group (admins only): its members then belong to the team. */
export async function setProviderGroupAction(_previous: ProviderGroupActionResult, input: { slug: string; providerGroup: string }): Promise<ProviderGroupActionResult> {
  const outcome = await runAction({ input: providerGroupInput }, input, async ({ slug, providerGroup }, { actor }) => {
    requirePermission(actor, { kind: "team.write" });
    const result = await setTeamProviderGroup(getDb(), slug, providerGroup, actor);
    if (!result.ok && result.reason === "not-found") throw notFound(`team "${slug}"`);
    if (!result.ok) throw unprocessable("That provider group is taken", { providerGroup: [`Provider group: already belongs to team "${result.byTeam}"`] });
    return result.team;
  });
  if (!outcome.ok) return outcome;
  revalidatePath(`/catalog/teams/${encodeURIComponent(outcome.value.slug)}`);
  return { ok: true, providerGroup: outcome.value.providerGroup };
}
