import { z } from "zod";

/**
 * A team's provider group: the identity provider's group whose members belong to the team. Empty
 * or null clears it. No commas (a proxy sends groups comma-separated) and no control characters.
 */
export const providerGroupSchema = z
  .string()
  .trim()
  .max(200, "Provider group: at most 200 characters")
  .regex(/^[^,\u0000-\u001f\u007f]*$/, "Provider group: no commas or control characters")
  .nullable()
  .transform((value) => (value ? value : null));

/** PUT /api/catalog/teams/{slug}/provider-group */
export const providerGroupBodySchema = z.strictObject({ providerGroup: providerGroupSchema });
export const providerGroupResponseSchema = z.object({ team: z.object({ slug: z.string(), providerGroup: z.string().nullable() }) });
