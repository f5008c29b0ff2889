import { z } from "zod";
import { wholeNumberParam } from "@/lib/validation/observability";

/**
 * `?version=N` on DELETE: optional; when given, a changed record is a 409 instead of being deleted.
 * Digits only: `?version=[3]` or `1e0` is a 400, never read as 3 or 1.
 */
export const deleteQuerySchema = z.strictObject({
  version: wholeNumberParam.pipe(z.number().int().positive()).nullable().default(null),
});

/**
 * A PUT body: the entity's fields plus the `version` that was read. The fields themselves are
 * the domain's to validate (422 with field errors); `version` must be a positive integer as JSON
 * (`"3"` or `[3]` is refused, never coerced).
 */
export const versionedBodySchema = z.looseObject({ version: z.number().int().positive() });
