import { z } from "zod";
import { clusterName, kafkaName } from "@/lib/validation/fields";

export const contractParamsSchema = z.object({ cluster: clusterName, topic: kafkaName("Topic name") });

export const asyncApiQuerySchema = z.object({ format: z.enum(["yaml", "json"]).default("yaml") });

export const importQuerySchema = z.object({
  dryRun: z.enum(["0", "1", "true", "false"]).default("false").transform((value) => value === "1" || value === "true"),
});

// What the edit and delete forms send to their server actions besides the entity's values.
export const slugTargetSchema = z.object({ slug: kafkaName("Slug"), version: z.number().int().positive() });
export const contractTargetSchema = z.object({
  key: contractParamsSchema,
  version: z.number().int().positive(),
  acceptBreakingChanges: z.boolean().default(false),
});
