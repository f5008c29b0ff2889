"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { createService, deleteService, updateService } from "@/lib/catalog/services";
import { runCatalogWrite, type CatalogFormResult } from "@/lib/catalog/form-actions";
import { slugTargetSchema } from "@/lib/validation/catalog-api";
import type { ServiceRecord } from "@/lib/catalog/records";

type Result = CatalogFormResult<ServiceRecord> | null;

export async function createServiceAction(_previous: Result, values: unknown): Promise<Result> {
  const outcome = await runCatalogWrite((actor) => createService(getDb(), values, actor));
  if (!outcome.ok) return outcome.result;
  revalidatePath("/catalog", "layout");
  redirect(`/catalog/services/${encodeURIComponent(outcome.record.slug)}?saved=1`);
}

export async function updateServiceAction(_previous: Result, input: { slug: string; version: number; values: unknown }): Promise<Result> {
  const target = slugTargetSchema.safeParse(input);
  if (!target.success) return { ok: false, fieldErrors: {}, formError: "This form is out of date; reload the page." };
  const outcome = await runCatalogWrite((actor) => updateService(getDb(), target.data.slug, target.data.version, input.values, actor));
  if (!outcome.ok) return outcome.result;
  revalidatePath("/catalog", "layout");
  redirect(`/catalog/services/${encodeURIComponent(outcome.record.slug)}?saved=1`);
}

export async function deleteServiceAction(_previous: Result, input: { slug: string; version: number }): Promise<Result> {
  const target = slugTargetSchema.safeParse(input);
  if (!target.success) return { ok: false, fieldErrors: {}, formError: "This form is out of date; reload the page." };
  const outcome = await runCatalogWrite((actor) => deleteService(getDb(), target.data.slug, target.data.version, actor));
  if (!outcome.ok) return outcome.result;
  revalidatePath("/catalog", "layout");
  redirect(`/catalog/services?deleted=${encodeURIComponent(target.data.slug)}`);
}
