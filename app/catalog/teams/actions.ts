"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { createTeam, deleteTeam, updateTeam } from "@/lib/catalog/teams";
import { runCatalogWrite, type CatalogFormResult } from "@/lib/catalog/form-actions";
import { slugTargetSchema } from "@/lib/validation/catalog-api";
import type { TeamRecord } from "@/lib/catalog/records";

type Result = CatalogFormResult<TeamRecord> | null;

export async function createTeamAction(_previous: Result, values: unknown): Promise<Result> {
  const outcome = await runCatalogWrite((actor) => createTeam(getDb(), values, actor));
  if (!outcome.ok) return outcome.result;
  revalidatePath("/catalog", "layout");
  redirect(`/catalog/teams/${encodeURIComponent(outcome.record.slug)}?saved=1`);
}

export async function updateTeamAction(_previous: Result, input: { slug: string; version: number; values: unknown }): Promise<Result> {
  const target = slugTargetSchema.safeParse(input);
  if (!target.success) return { ok: false, fieldErrors: {}, formError: "This form is out of date; reload the page." };
  const outcome = await runCatalogWrite((actor) => updateTeam(getDb(), target.data.slug, target.data.version, input.values, actor));
  if (!outcome.ok) return outcome.result;
  revalidatePath("/catalog", "layout");
  redirect(`/catalog/teams/${encodeURIComponent(outcome.record.slug)}?saved=1`);
}

export async function deleteTeamAction(_previous: Result, input: { slug: string; version: number }): Promise<Result> {
  const target = slugTargetSchema.safeParse(input);
  if (!target.success) return { ok: false, fieldErrors: {}, formError: "This form is out of date; reload the page." };
  const outcome = await runCatalogWrite((actor) => deleteTeam(getDb(), target.data.slug, target.data.version, actor));
  if (!outcome.ok) return outcome.result;
  revalidatePath("/catalog", "layout");
  redirect(`/catalog/teams?deleted=${encodeURIComponent(target.data.slug)}`);
}
