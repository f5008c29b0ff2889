"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { runAction, type ActionFailure } from "@/lib/api/action";
import { requireWritten } from "@/lib/api/write-result";
import { getDb } from "@/lib/db";
import { requireServiceWrite } from "@/lib/auth/catalog-scope";
import { fromServiceForm } from "@/lib/validation/catalog-forms";
import { createService, deleteService, updateService } from "@/lib/catalog/services";
import { slugTargetSchema } from "@/lib/validation/catalog-api";
import type { ServiceRecord } from "@/lib/catalog/records";

// Thin actions: lib/api/action.ts refuses cross-site calls, parses the input and maps failures;
// the domain validates the values. Redirects happen after the wrapper, never inside a try.

export type ServiceActionResult = ActionFailure<ServiceRecord> | null;

const updateInput = slugTargetSchema.extend({ values: z.unknown() });

export async function createServiceAction(_previous: ServiceActionResult, values: unknown): Promise<ServiceActionResult> {
  const outcome = await runAction({ input: z.unknown() }, values, async (input, { actor }) => {
    const service = fromServiceForm(input);
    await requireServiceWrite(actor, getDb(), { body: service });
    return requireWritten(await createService(getDb(), service, actor));
  });
  if (!outcome.ok) return outcome as ActionFailure<ServiceRecord>;
  revalidatePath("/catalog", "layout");
  redirect(`/catalog/services/${encodeURIComponent(outcome.value.slug)}?saved=1`);
}

export async function updateServiceAction(
  _previous: ServiceActionResult,
  input: { slug: string; version: number; values: unknown },
): Promise<ServiceActionResult> {
  const outcome = await runAction({ input: updateInput }, input, async ({ slug, version, values }, { actor }) => {
    const service = fromServiceForm(values);
    await requireServiceWrite(actor, getDb(), { slug, body: service });
    return requireWritten(await updateService(getDb(), slug, version, service, actor));
  });
  if (!outcome.ok) return outcome as ActionFailure<ServiceRecord>;
  revalidatePath("/catalog", "layout");
  redirect(`/catalog/services/${encodeURIComponent(outcome.value.slug)}?saved=1`);
}

export async function deleteServiceAction(_previous: ServiceActionResult, input: { slug: string; version: number }): Promise<ServiceActionResult> {
  const outcome = await runAction({ input: slugTargetSchema }, input, async ({ slug, version }, { actor }) => {
    await requireServiceWrite(actor, getDb(), { slug });
    requireWritten(await deleteService(getDb(), slug, version, actor));
    return slug;
  });
  if (!outcome.ok) return outcome as ActionFailure<ServiceRecord>;
  revalidatePath("/catalog", "layout");
  redirect(`/catalog/services?deleted=${encodeURIComponent(outcome.value)}`);
}
