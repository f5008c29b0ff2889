// Importing a YAML catalog file: validate everything, plan the diff, and apply it in ONE
// transaction (all or nothing). Idempotent: applying the same file twice changes nothing the
// second time and writes no audit entries. No "server-only": the CLI and the demo seed use it.
import { readFile } from "node:fs/promises";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { CatalogFile } from "@/lib/validation/catalog";
import { parseCatalogFile, type CatalogFileError, type CatalogFileFailureReason } from "@/lib/catalog/catalog-file";
import { readConfiguredClusterNames } from "@/lib/catalog/cluster-names";
import { checkReferences, planImport, readExistingCatalog, type ExistingCatalog, type ImportPlan } from "@/lib/catalog/import-plan";
import { actorName, recordAudit, type AuditActor } from "@/lib/catalog/audit";
import { isJsonEqual } from "@/lib/catalog/json-equal";
import {
  contractInclude, contractKeyOf, serviceInclude, toContractRecord, toJsonColumn, toServiceRecord, toTeamRecord, type CatalogDb,
} from "@/lib/catalog/records";
import { recordSchemaVersionIn } from "@/lib/catalog/schema-history";

export type ImportResult =
  | { ok: true; applied: boolean; plan: ImportPlan }
  /** "malformed" (control characters: HTTP 400) or "invalid" (422); nothing was written either way. */
  | { ok: false; reason: CatalogFileFailureReason; errors: CatalogFileError[] };

export type ImportOptions = {
  /** Recorded as the author in the audit log and schema history. */
  actor: AuditActor;
  /** Validate and return the diff without writing anything. */
  dryRun?: boolean;
  /** Where the file came from (path or "upload"), for the audit log. */
  source?: string;
  /**
   * The configured cluster names: a new contract must name one of them. Defaults to what
   * KAFKA_CLUSTERS_FILE / KAFKA_CLUSTER_NAME say (see ./cluster-names).
   */
  clusters?: readonly string[];
};

async function applyPlan(tx: CatalogDb, file: CatalogFile, plan: ImportPlan, existing: ExistingCatalog, actor: AuditActor) {
  const pending = new Map(plan.changes.filter((change) => change.action !== "unchanged").map((change) => [`${change.entityType} ${change.key}`, change]));
  const changed = (entityType: string, key: string) => pending.get(`${entityType} ${key}`) ?? null;
  const audit = (entityType: "team" | "service" | "contract", key: string, action: string, before: unknown, after: unknown) =>
    recordAudit(tx, { actor, action: `import:${action}`, entityType, entityKey: key, before, after });

  for (const team of file.teams) {
    const change = changed("team", team.slug);
    if (!change) continue;
    const { slug, ...columns } = team;
    const row = await tx.team.upsert({ where: { slug }, create: team, update: { ...columns, version: { increment: 1 } } });
    await audit("team", slug, change.action, existing.teams.get(slug) ?? null, toTeamRecord(row));
  }

  const teamIds = new Map((await tx.team.findMany({ select: { id: true, slug: true } })).map((row) => [row.slug, row.id]));
  for (const service of file.services) {
    const fieldsChanged = changed("service", service.slug);
    const flowsChanged = plan.changes.some((change) => change.entityType === "flow" && change.key.startsWith(`${service.slug} `) && change.action !== "unchanged");
    if (!fieldsChanged && !flowsChanged) continue;
    const { slug, team, ...columns } = service;
    const data = { ...columns, teamId: teamIds.get(team)! };
    // Flow changes bump the version too: a service form opened before the import must see a conflict.
    await tx.service.upsert({ where: { slug }, create: { slug, ...data }, update: { ...data, version: { increment: 1 } } });
  }

  const serviceIds = new Map((await tx.service.findMany({ select: { id: true, slug: true } })).map((row) => [row.slug, row.id]));
  for (const contract of file.contracts) {
    const key = contractKeyOf(contract);
    const change = changed("contract", key);
    if (!change) continue;
    const { cluster, topic, owner, retentionMs, valueSchema, keySchema, exampleMessage, ...columns } = contract;
    const data = {
      ...columns,
      ownerServiceId: serviceIds.get(owner)!,
      retentionMs: retentionMs === null ? null : BigInt(retentionMs),
      valueSchema: toJsonColumn(valueSchema),
      keySchema: toJsonColumn(keySchema),
      exampleMessage: toJsonColumn(exampleMessage),
    };
    const row = await tx.topicContract.upsert({
      where: { cluster_topic: { cluster, topic } },
      create: { cluster, topic, ...data },
      update: { ...data, version: { increment: 1 } },
      include: contractInclude,
    });
    const before = existing.contracts.get(key);
    const schemaChanged = before ? !isJsonEqual(before.valueSchema, valueSchema) || !isJsonEqual(before.keySchema, keySchema) : valueSchema !== null || keySchema !== null;
    if (schemaChanged) await recordSchemaVersionIn(tx, row.id, { valueSchema, keySchema }, actorName(actor));
    await audit("contract", key, change.action, before ?? null, toContractRecord(row));
  }

  const contractIds = new Map((await tx.topicContract.findMany({ select: { id: true, cluster: true, topic: true } })).map((row) => [contractKeyOf(row), row.id]));
  for (const service of file.services) {
    const serviceId = serviceIds.get(service.slug)!;
    const before = existing.services.get(service.slug);
    const flowChanges = plan.changes.filter((change) => change.entityType === "flow" && change.key.startsWith(`${service.slug} `) && change.action !== "unchanged");
    if (flowChanges.length > 0) {
      await tx.declaredFlow.deleteMany({ where: { serviceId } });
      const flows = file.flows.filter((flow) => flow.service === service.slug);
      await tx.declaredFlow.createMany({
        data: flows.map((flow) => ({ serviceId, contractId: contractIds.get(contractKeyOf(flow))!, direction: flow.direction, purpose: flow.purpose })),
      });
    }
    const fieldsChanged = changed("service", service.slug);
    if (fieldsChanged || flowChanges.length > 0) {
      const after = toServiceRecord(await tx.service.findUniqueOrThrow({ where: { slug: service.slug }, include: serviceInclude }));
      await audit("service", service.slug, before ? "update" : "create", before ?? null, after);
    }
  }
}

/** Validates `text` as a catalog file, plans the diff and (unless dry-run) applies it in one transaction. */
export async function importCatalog(db: PrismaClient, text: string, options: ImportOptions): Promise<ImportResult> {
  const clusters = options.clusters ?? readConfiguredClusterNames();
  const parsed = parseCatalogFile(text);
  if (!parsed.ok) {
    if (parsed.reason === "malformed") return { ok: false, reason: "malformed", errors: parsed.errors };
    // Also report the valid entries' dangling references, so one round of fixes is enough.
    const partial = parsed.partial;
    const referenceErrors = partial ? checkReferences(partial, await readExistingCatalog(db), clusters) : [];
    return { ok: false, reason: "invalid", errors: [...parsed.errors, ...referenceErrors] };
  }
  const file = parsed.file;

  if (options.dryRun) {
    const existing = await readExistingCatalog(db);
    const errors = checkReferences(file, existing, clusters);
    return errors.length > 0 ? { ok: false, reason: "invalid", errors } : { ok: true, applied: false, plan: planImport(file, existing) };
  }

  // Every check and every write in one transaction: any failure, found or thrown, writes nothing.
  return db.$transaction(
    async (tx): Promise<ImportResult> => {
      const existing = await readExistingCatalog(tx);
      const errors = checkReferences(file, existing, clusters);
      if (errors.length > 0) return { ok: false, reason: "invalid", errors };
      const plan = planImport(file, existing);
      if (plan.counts.create + plan.counts.update + plan.counts.delete === 0) return { ok: true, applied: false, plan };
      await applyPlan(tx, file, plan, existing, options.actor);
      await recordAudit(tx, {
        actor: options.actor, action: "import", entityType: "catalog", entityKey: options.source ?? "upload", before: null,
        after: { counts: plan.counts, warnings: plan.warnings },
      });
      return { ok: true, applied: true, plan };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

/** Reads a catalog file from disk and imports it (see importCatalog). */
export async function importCatalogFile(db: PrismaClient, path: string, options: ImportOptions): Promise<ImportResult> {
  const text = await readFile(path, "utf8");
  return importCatalog(db, text, { source: path, ...options });
}

