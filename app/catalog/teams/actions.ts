"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { runAction, type ActionFailure } from "@/lib/api/action";
import { requireWritten } from "@/lib/api/write-result";
import { getDb } from "@/lib/db";
import { fromTeamForm } from "@/lib/validation/catalog-forms";
import { createTeam, deleteTeam, updateTeam } from "@/lib/catalog/teams";
import { slugTargetSchema } from "@/lib/validation/catalog-api";
import type { TeamRecord } from "@/lib/catalog/records";

// Thin actions: lib/api/action.ts refuses cross-site calls, parses the input and maps failures;
// the domain validates the values. Redirects happen after the wrapper, never inside a try.

export type TeamActionResult = ActionFailure<TeamRecord> | null;

const updateInput = slugTargetSchema.extend({ values: z.unknown() });

export async function createTeamAction(_previous: TeamActionResult, values: unknown): Promise<TeamActionResult> {
  const outcome = await runAction({ input: z.unknown() }, values, async (input, { actor }) => requireWritten(await createTeam(getDb(), fromTeamForm(input), actor)));
  if (!outcome.ok) return outcome as ActionFailure<TeamRecord>;
  revalidatePath("/catalog", "layout");
  redirect(`/catalog/teams/${encodeURIComponent(outcome.value.slug)}?saved=1`);
}

export async function updateTeamAction(
  _previous: TeamActionResult,
  input: { slug: string; version: number; values: unknown },
): Promise<TeamActionResult> {
  const outcome = await runAction({ input: updateInput }, input, async ({ slug, version, values }, { actor }) =>
    requireWritten(await updateTeam(getDb(), slug, version, fromTeamForm(values), actor)),
  );
  if (!outcome.ok) return outcome as ActionFailure<TeamRecord>;
  revalidatePath("/catalog", "layout");
  redirect(`/catalog/teams/${encodeURIComponent(outcome.value.slug)}?saved=1`);
}

export async function deleteTeamAction(_previous: TeamActionResult, input: { slug: string; version: number }): Promise<TeamActionResult> {
  const outcome = await runAction({ input: slugTargetSchema }, input, async ({ slug, version }, { actor }) => {
    requireWritten(await deleteTeam(getDb(), slug, version, actor));
    return slug;
  });
  if (!outcome.ok) return outcome as ActionFailure<TeamRecord>;
  revalidatePath("/catalog", "layout");
  redirect(`/catalog/teams?deleted=${encodeURIComponent(outcome.value)}`);
}
