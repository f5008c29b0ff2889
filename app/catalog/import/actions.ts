"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/api/action";
import { getDb } from "@/lib/db";
import { requirePermission } from "@/lib/auth/require";
import { importCatalog, type ImportResult } from "@/lib/catalog/import";
import type { ImportActionResult } from "@/lib/catalog/import-action-result";

// The file's own problems come back as ImportResult errors; anything the wrapper refuses or maps
// (cross-site caller, database down, oversized text) becomes one sentence for the form.
const fileText = z.string().max(5 * 1024 * 1024, "The catalog file is larger than 5 MiB");

async function run(text: unknown, dryRun: boolean): Promise<ImportActionResult> {
  const outcome = await runAction({ input: fileText, write: !dryRun }, text, async (file, { actor }): Promise<ImportResult> => {
    requirePermission(actor, { kind: "catalog.import" });
    return importCatalog(getDb(), file, { actor, dryRun, source: "upload" });
  });
  if (outcome.ok) return outcome.value;
  const reason = outcome.fieldErrors[""]?.join(" ") || Object.values(outcome.fieldErrors).flat()[0] || outcome.formError;
  return { ok: false, errors: [], formError: dryRun ? reason : `Nothing was changed. ${reason}` };
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
