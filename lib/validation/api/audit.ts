import { z } from "zod";
import { wholeNumberParam } from "@/lib/validation/observability";

export const AUDIT_ENTITY_TYPES = ["team", "service", "contract", "catalog", "token", "auth", "topic"] as const;

/** An ISO 8601 time with its zone ("2026-12-03T08:00:00Z", "…+01:00") or a date ("2026-12-03" = its UTC midnight). */
const time = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/, "must be an ISO date or time with a zone, e.g. 2026-12-03T08:00:00Z")
  .transform((value) => new Date(value))
  .refine((value) => !Number.isNaN(value.getTime()), "is not a real date");

/** GET /api/audit: every filter optional; newest first, one page at a time. */
export const auditQuerySchema = z
  .strictObject({
    /** Part of the actor's name or email (any case), or the exact subject ("token:…", an OIDC sub). */
    actor: z.string().max(200).optional(),
    /** Exact action ("create", "import:update", "login.failed", "messages.read", …). */
    action: z.string().max(100).optional(),
    entityType: z.enum(AUDIT_ENTITY_TYPES).optional(),
    from: time.optional(),
    to: time.optional(),
    page: wholeNumberParam.pipe(z.number().int().min(1).max(100_000)).default(1),
    pageSize: wholeNumberParam.pipe(z.number().int().min(1).max(200)).default(50),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { message: "must not be before from", path: ["to"] });
export type AuditQuery = z.output<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  actorSubject: z.string().nullable(),
  actorKind: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityKey: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const auditListResponseSchema = z.object({
  entries: z.array(auditEntrySchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  /** Entries older than this many days are deleted. */
  retentionDays: z.number().int(),
});
export type AuditListResponse = z.infer<typeof auditListResponseSchema>;
