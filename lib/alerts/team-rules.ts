import "server-only";
import type { CatalogDb } from "@/lib/catalog/records";
import { recordAudit, type AuditActor } from "@/lib/catalog/audit";
import { invalid, notFound, type WriteResult } from "@/lib/catalog/results";
import { BUILTIN_RULES, type BuiltinRuleId, type Severity } from "@/lib/alerts/rules";
import { toChannelView } from "@/lib/alerts/views";
import type { CustomRuleBody, CustomRuleView, RuleOverrideBody, TeamAlertSettings } from "@/lib/validation/api/alerts";
import type { Comparison, RuleMetric } from "@/lib/alerts/rules";

// A team's alert rules: overrides of the built-ins and extra rules. Every change is audited on the
// team (entityType "team"), so it shows in the team's history beside its catalog edits.

const teamExists = async (db: CatalogDb, team: string) => (await db.team.count({ where: { slug: team } })) > 0;
const noTeam = (team: string) => notFound(`Team "${team}" not found`);

export async function getTeamAlertSettings(db: CatalogDb, team: string): Promise<TeamAlertSettings | null> {
  if (!(await teamExists(db, team))) return null;
  const [rules, channels] = await Promise.all([
    db.alertRule.findMany({ where: { team }, orderBy: { name: "asc" } }),
    db.alertChannel.findMany({ where: { team }, orderBy: { name: "asc" } }),
  ]);
  return {
    team,
    builtins: BUILTIN_RULES.map((rule) => {
      const override = rules.find((row) => row.kind === "override" && row.name === rule.id);
      return {
        id: rule.id,
        name: rule.name,
        description: rule.description,
        thresholdMeaning: rule.thresholdMeaning,
        defaults: { enabled: true, forSec: rule.forSec, severity: rule.severity, threshold: rule.threshold },
        override: override ? { enabled: override.enabled, forSec: override.forSec, severity: override.severity as Severity, threshold: override.threshold } : null,
      };
    }),
    custom: rules.filter((row) => row.kind === "custom").map(toCustomRuleView),
    channels: channels.map(toChannelView),
  };
}

function toCustomRuleView(row: { id: string; name: string; metric: string | null; comparison: string | null; threshold: number | null; forSec: number; severity: string; enabled: boolean; version: number }): CustomRuleView {
  return {
    id: row.id,
    name: row.name,
    metric: row.metric as RuleMetric,
    comparison: row.comparison as Comparison,
    threshold: row.threshold ?? 0,
    forSec: row.forSec,
    severity: row.severity as Severity,
    enabled: row.enabled,
    version: row.version,
  };
}

/** Sets (creates or replaces) a team's override of a built-in rule. */
export async function setRuleOverride(db: CatalogDb, team: string, rule: BuiltinRuleId, body: RuleOverrideBody, actor: AuditActor): Promise<WriteResult<RuleOverrideBody>> {
  if (!(await teamExists(db, team))) return noTeam(team);
  const definition = BUILTIN_RULES.find((entry) => entry.id === rule)!;
  if (body.threshold !== null && definition.thresholdMeaning === null) return invalid({ threshold: [`${definition.name} takes no threshold`] });
  const before = await db.alertRule.findUnique({ where: { team_name: { team, name: rule } } });
  const data = { kind: "override", metric: null, comparison: null, threshold: body.threshold, forSec: body.forSec, severity: body.severity, enabled: body.enabled };
  await db.alertRule.upsert({ where: { team_name: { team, name: rule } }, create: { team, name: rule, ...data }, update: { ...data, version: { increment: 1 } } });
  await recordAudit(db, { actor, action: "alerts.override.set", entityType: "team", entityKey: team, before: before && { rule, ...pickSettings(before) }, after: { rule, ...body } });
  return { ok: true, record: body };
}

export async function deleteRuleOverride(db: CatalogDb, team: string, rule: BuiltinRuleId, actor: AuditActor): Promise<WriteResult<null>> {
  const before = await db.alertRule.findUnique({ where: { team_name: { team, name: rule } } });
  if (!before || before.kind !== "override") return notFound(`Team "${team}" has no override of ${rule}`);
  await db.alertRule.delete({ where: { id: before.id } });
  await recordAudit(db, { actor, action: "alerts.override.delete", entityType: "team", entityKey: team, before: { rule, ...pickSettings(before) }, after: null });
  return { ok: true, record: null };
}

const pickSettings = (row: { enabled: boolean; forSec: number; severity: string; threshold: number | null }) => ({
  enabled: row.enabled,
  forSec: row.forSec,
  severity: row.severity,
  threshold: row.threshold,
});

/** Creates a team's extra rule, or replaces the one with that name when `replace` is set. */
export async function saveCustomRule(db: CatalogDb, team: string, body: CustomRuleBody, actor: AuditActor, replace: string | null): Promise<WriteResult<CustomRuleView>> {
  if (!(await teamExists(db, team))) return noTeam(team);
  if ((BUILTIN_RULES as readonly { id: string }[]).some((rule) => rule.id === body.name)) return invalid({ name: ["That name is a built-in rule's; choose another"] });
  const existing = await db.alertRule.findUnique({ where: { team_name: { team, name: replace ?? body.name } } });
  if (replace !== null && (!existing || existing.kind !== "custom")) return notFound(`Team "${team}" has no rule "${replace}"`);
  if (replace === null && existing) return invalid({ name: [`Team "${team}" already has a rule named "${body.name}"`] });
  if (replace !== null && replace !== body.name && (await db.alertRule.count({ where: { team, name: body.name } })) > 0) {
    return invalid({ name: [`Team "${team}" already has a rule named "${body.name}"`] });
  }
  const data = { name: body.name, kind: "custom", metric: body.metric, comparison: body.comparison, threshold: body.threshold, forSec: body.forSec, severity: body.severity, enabled: body.enabled };
  const row = existing
    ? await db.alertRule.update({ where: { id: existing.id }, data: { ...data, version: { increment: 1 } } })
    : await db.alertRule.create({ data: { team, ...data } });
  await recordAudit(db, {
    actor,
    action: existing ? "alerts.rule.update" : "alerts.rule.create",
    entityType: "team",
    entityKey: team,
    before: existing && toCustomRuleView(existing),
    after: toCustomRuleView(row),
  });
  return { ok: true, record: toCustomRuleView(row) };
}

export async function deleteCustomRule(db: CatalogDb, team: string, name: string, actor: AuditActor): Promise<WriteResult<null>> {
  const existing = await db.alertRule.findUnique({ where: { team_name: { team, name } } });
  if (!existing || existing.kind !== "custom") return notFound(`Team "${team}" has no rule "${name}"`);
  await db.alertRule.delete({ where: { id: existing.id } });
  await recordAudit(db, { actor, action: "alerts.rule.delete", entityType: "team", entityKey: team, before: toCustomRuleView(existing), after: null });
  return { ok: true, record: null };
}
