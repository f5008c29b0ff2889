import type { ImportResult } from "@/lib/catalog/import";

/** What the import form receives: the import's own result, or one sentence when it could not run. */
export type ImportActionResult = ImportResult | { ok: false; errors: { path: string; message: string }[]; formError: string };
