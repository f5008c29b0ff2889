// Alerts: the bodies the API takes and answers with, shared by route handlers, forms and the
// React Query hooks (the browser's types come from here).
import { z } from "zod";
import { BUILTIN_RULE_IDS, COMPARISONS, RULE_METRICS, SEVERITIES } from "@/lib/alerts/rules";
import { SILENCE_LABELS } from "@/lib/alerts/silences";
import { CHANNEL_KINDS } from "@/lib/alerts/channel-kinds";
import { choiceField, kafkaName, plainText, requiredText } from "@/lib/validation/fields";
import { LIMITS } from "@/lib/validation/limits";

export const ALERT_STATES = ["pending", "firing", "resolved"] as const;
export const ALERT_VIEWS = ["firing", "pending", "silenced", "resolved"] as const;
const MAX_FOR_SEC = 7 * 24 * 3600;

const severity = choiceField(SEVERITIES, "Severity");
const forSec = z
  .number({ error: "For must be a number of seconds" })
  .int("For must be a whole number of seconds")
  .min(0, "For must be at least 0 seconds")
  .max(MAX_FOR_SEC, `For must be at most ${MAX_FOR_SEC} seconds (7 days)`);
const threshold = z.number({ error: "Threshold must be a number" }).refine(Number.isFinite, "Threshold must be a finite number");

// ---- inputs

/** PUT /api/alerts/teams/{team}/overrides/{rule}: a team's settings for one built-in rule. */
export const ruleOverrideBodySchema = z.strictObject({
  enabled: z.boolean({ error: "Enabled must be true or false" }),
  forSec,
  severity,
  threshold: threshold.nullable().default(null),
});
export type RuleOverrideBody = z.infer<typeof ruleOverrideBodySchema>;

/** POST /api/alerts/teams/{team}/rules, PUT …/rules/{name}: a team's extra rule. */
export const customRuleBodySchema = z.strictObject({
  name: kafkaName("Rule name").pipe(z.string().max(100, "Rule name must be at most 100 characters")),
  metric: choiceField(RULE_METRICS, "Metric"),
  comparison: choiceField(COMPARISONS, "Comparison"),
  threshold,
  forSec,
  severity,
  enabled: z.boolean({ error: "Enabled must be true or false" }).default(true),
});
export type CustomRuleBody = z.infer<typeof customRuleBodySchema>;

/** POST /api/alerts/teams/{team}/channels. url and secret are write-only: never answered in full. */
export const channelBodySchema = z
  .strictObject({
    name: kafkaName("Channel name").pipe(z.string().max(100, "Channel name must be at most 100 characters")),
    kind: choiceField(CHANNEL_KINDS, "Kind"),
    url: plainText("URL")
      .trim()
      .max(LIMITS.url, `URLs must be at most ${LIMITS.url} characters`)
      .pipe(z.url({ protocol: /^https?$/, error: "Enter a full http(s) URL, e.g. https://hooks.example.com/tributary" })),
    secret: plainText("Secret").trim().min(16, "Secret must be at least 16 characters").max(200, "Secret must be at most 200 characters").nullable().default(null),
    enabled: z.boolean({ error: "Enabled must be true or false" }).default(true),
  })
  .refine((channel) => channel.kind !== "webhook" || channel.secret !== null, { path: ["secret"], message: "A webhook needs a secret to sign its bodies with" });
export type ChannelBody = z.infer<typeof channelBodySchema>;

/** POST /api/alerts/silences */
export const silenceBodySchema = z
  .strictObject({
    matchers: z
      .array(z.strictObject({ label: choiceField(SILENCE_LABELS, "Label"), value: requiredText("Value", LIMITS.kafkaName) }), { error: "Matchers must be a list" })
      .min(1, "A silence needs at least one matcher")
      .max(10, "At most 10 matchers"),
    startsAt: z.iso.datetime({ offset: true, error: "Starts at must be an ISO date-time" }).nullable().default(null),
    endsAt: z.iso.datetime({ offset: true, error: "Ends at must be an ISO date-time" }),
    reason: requiredText("Reason", 500),
  })
  .refine((silence) => Date.parse(silence.endsAt) > (silence.startsAt ? Date.parse(silence.startsAt) : Date.now()), {
    path: ["endsAt"],
    message: "Ends at must be after the start (and in the future)",
  });
export type SilenceBody = z.infer<typeof silenceBodySchema>;

// Filters are only looked up, so any name works; control characters are refused (400), as in paths.
// eslint-disable-next-line no-control-regex
const lookup = (max: number) => z.string().max(max).regex(/^[^\u0000-\u001f\u007f]*$/, "control characters are not allowed");

/** GET /api/alerts */
export const alertListQuerySchema = z.strictObject({
  view: z.enum(ALERT_VIEWS).optional(),
  team: lookup(LIMITS.kafkaName).optional(),
  cluster: lookup(LIMITS.clusterName).optional(),
  severity: z.enum(SEVERITIES).optional(),
  group: lookup(LIMITS.consumerGroupId).optional(),
  topic: lookup(LIMITS.kafkaName).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type AlertListQuery = z.infer<typeof alertListQuerySchema>;

export const alertIdParamsSchema = z.object({ id: z.uuid({ error: "Not an alert id" }) });
export const teamParamsSchema = z.object({ team: kafkaName("Team") });
export const teamRuleParamsSchema = z.object({ team: kafkaName("Team"), rule: z.enum(BUILTIN_RULE_IDS, { error: "Not a built-in rule" }) });
export const teamNameParamsSchema = z.object({ team: kafkaName("Team"), name: kafkaName("Name") });

// ---- responses

const iso = z.string();
export const alertViewSchema = z.object({
  id: z.string(),
  key: z.string(),
  rule: z.string(),
  ruleName: z.string(),
  cluster: z.string(),
  groupId: z.string().nullable(),
  topic: z.string().nullable(),
  team: z.string().nullable(),
  service: z.string().nullable(),
  severity: z.string(),
  state: z.enum(ALERT_STATES),
  /** Notifications are muted by an active silence. */
  silenced: z.boolean(),
  summary: z.string(),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  startedAt: iso,
  firingAt: iso.nullable(),
  resolvedAt: iso.nullable(),
  evaluatedAt: iso,
  acknowledgedAt: iso.nullable(),
  acknowledgedBy: z.string().nullable(),
});
export type AlertView = z.infer<typeof alertViewSchema>;

export const alertCountsSchema = z.object({ firing: z.number().int(), pending: z.number().int(), silenced: z.number().int() });
export type AlertCounts = z.infer<typeof alertCountsSchema>;
export const alertListResponseSchema = z.object({ alerts: z.array(alertViewSchema), counts: alertCountsSchema });
export type AlertListResponse = z.infer<typeof alertListResponseSchema>;

export const deliveryAttemptSchema = z.object({ at: iso, durationMs: z.number().int(), httpStatus: z.number().int().nullable(), error: z.string().nullable(), ok: z.boolean() });
export const notificationViewSchema = z.object({
  id: z.string(),
  alertId: z.string(),
  transition: z.enum(["firing", "resolved"]),
  channel: z.object({ id: z.string(), team: z.string(), name: z.string(), kind: z.enum(CHANNEL_KINDS) }),
  /** pending (waiting for a try or a retry), delivering, delivered, failed (gave up), suppressed (silenced). */
  status: z.enum(["pending", "delivering", "delivered", "failed", "suppressed"]),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: iso,
  nextAttemptAt: iso,
  finishedAt: iso.nullable(),
  log: z.array(deliveryAttemptSchema),
});
export type NotificationView = z.infer<typeof notificationViewSchema>;
export const alertDetailResponseSchema = z.object({ alert: alertViewSchema, notifications: z.array(notificationViewSchema) });
export type AlertDetailResponse = z.infer<typeof alertDetailResponseSchema>;

export const channelViewSchema = z.object({
  id: z.string(),
  team: z.string(),
  name: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  /** Scheme and host with the path masked: the URL is a secret. */
  target: z.string(),
  hasSecret: z.boolean(),
  enabled: z.boolean(),
  createdAt: iso,
});
export type ChannelView = z.infer<typeof channelViewSchema>;

export const customRuleViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  metric: z.enum(RULE_METRICS),
  comparison: z.enum(COMPARISONS),
  threshold: z.number(),
  forSec: z.number().int(),
  severity: z.enum(SEVERITIES),
  enabled: z.boolean(),
  version: z.number().int(),
});
export type CustomRuleView = z.infer<typeof customRuleViewSchema>;

const ruleSettingsSchema = z.object({ enabled: z.boolean(), forSec: z.number().int(), severity: z.enum(SEVERITIES), threshold: z.number().nullable() });
export const builtinRuleViewSchema = z.object({
  id: z.enum(BUILTIN_RULE_IDS),
  name: z.string(),
  description: z.string(),
  thresholdMeaning: z.string().nullable(),
  defaults: ruleSettingsSchema,
  /** The team's override, null when the defaults apply. */
  override: ruleSettingsSchema.nullable(),
});
export type BuiltinRuleView = z.infer<typeof builtinRuleViewSchema>;

/** GET /api/alerts/teams/{team} */
export const teamAlertSettingsSchema = z.object({
  team: z.string(),
  builtins: z.array(builtinRuleViewSchema),
  custom: z.array(customRuleViewSchema),
  channels: z.array(channelViewSchema),
});
export type TeamAlertSettings = z.infer<typeof teamAlertSettingsSchema>;

export const silenceViewSchema = z.object({
  id: z.string(),
  matchers: z.array(z.object({ label: z.enum(SILENCE_LABELS), value: z.string() })),
  startsAt: iso,
  endsAt: iso,
  author: z.string(),
  reason: z.string(),
  active: z.boolean(),
});
export type SilenceView = z.infer<typeof silenceViewSchema>;
export const silenceListResponseSchema = z.object({ silences: z.array(silenceViewSchema) });

export const channelDeliveriesResponseSchema = z.object({ channel: channelViewSchema, notifications: z.array(notificationViewSchema) });
export type ChannelDeliveriesResponse = z.infer<typeof channelDeliveriesResponseSchema>;
