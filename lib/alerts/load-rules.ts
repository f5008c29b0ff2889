import "server-only";
import type { CatalogDb } from "@/lib/catalog/records";
import type { AlertCatalog, CustomRule, RuleOverride } from "@/lib/alerts/evaluate-rules";
import type { BuiltinRuleId, Comparison, RuleMetric, Severity } from "@/lib/alerts/rules";

/** What the rules need from the catalog: contracts with owners and objectives, groups with owners. */
export async function loadAlertCatalog(db: CatalogDb): Promise<AlertCatalog> {
  const [contracts, services] = await Promise.all([
    db.topicContract.findMany({
      select: { cluster: true, topic: true, lagObjectiveSec: true, ownerService: { select: { slug: true, team: { select: { slug: true } } } } },
    }),
    db.service.findMany({ select: { slug: true, consumerGroups: true, team: { select: { slug: true } } }, orderBy: { slug: "asc" } }),
  ]);
  return {
    contracts: contracts.map((contract) => ({
      cluster: contract.cluster,
      topic: contract.topic,
      lagObjectiveSec: contract.lagObjectiveSec,
      ownerService: contract.ownerService.slug,
      ownerTeam: contract.ownerService.team.slug,
    })),
    groups: services.flatMap((service) => service.consumerGroups.map((groupId) => ({ groupId, service: service.slug, team: service.team.slug }))),
  };
}

/** Every team's overrides of built-in rules and extra rules. */
export async function loadTeamRules(db: CatalogDb): Promise<{ overrides: RuleOverride[]; custom: CustomRule[] }> {
  const rows = await db.alertRule.findMany({ orderBy: [{ team: "asc" }, { name: "asc" }] });
  return {
    overrides: rows
      .filter((row) => row.kind === "override")
      .map((row) => ({ team: row.team, rule: row.name as BuiltinRuleId, enabled: row.enabled, forSec: row.forSec, severity: row.severity as Severity, threshold: row.threshold })),
    custom: rows
      .filter((row) => row.kind === "custom" && row.metric && row.comparison && row.threshold !== null)
      .map((row) => ({
        team: row.team,
        name: row.name,
        metric: row.metric as RuleMetric,
        comparison: row.comparison as Comparison,
        threshold: row.threshold!,
        forSec: row.forSec,
        severity: row.severity as Severity,
        enabled: row.enabled,
      })),
  };
}
