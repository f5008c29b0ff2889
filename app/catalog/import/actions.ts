"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { getRequestActor } from "@/lib/catalog/actor";
import { describeCatalogError } from "@/lib/catalog/availability";
import { importCatalog, type ImportResult } from "@/lib/catalog/import";

export type ImportActionResult = ImportResult | { ok: false; errors: { path: string; message: string }[]; formError: string };

const fileText = z.string().max(5 * 1024 * 1024, "The catalog file is larger than 5 MiB");

async function run(text: unknown, dryRun: boolean): Promise<ImportActionResult> {
  const parsed = fileText.safeParse(text);
  if (!parsed.success) return { ok: false, errors: [], formError: parsed.error.issues[0]?.message ?? "Invalid file" };
  try {
    return await importCatalog(getDb(), parsed.data, { actor: await getRequestActor(), dryRun, source: "upload" });
  } catch (error) {
    console.error("[catalog] import failed:", error);
    return { ok: false, errors: [], formError: `Nothing was changed. ${describeCatalogError(error)}` };
  }
}

/** Validates the file and returns the diff; writes nothing. */
export async function previewImportAction(text: string): Promise<ImportActionResult> {
  return run(text, true);
}

/** Applies the file in one transaction (all or nothing). */
export async function applyImportAction(text: string): Promise<ImportActionResult> {
  const result = await run(text, false);
  if (result.ok && result.applied) revalidatePath("/catalog", "layout");
  return result;
}
