import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ContractSchema } from "@/lib/collector/conformance-check";

/** A contract's edit counter per topic: cheap to read every sample, changes whenever the contract does. */
export type ContractRevisions = Map<string, number>;

/** Reads the JSON Schema contracts of one cluster from the catalog; see readContracts. */
export type ContractSource = {
  revisions(): Promise<ContractRevisions>;
  /** Topic → the value schema in force and its schema version, for the given topics. */
  schemas(topics: string[]): Promise<ContractSchema[]>;
};

export function catalogContractSource(db: () => PrismaClient, cluster: string): ContractSource {
  return {
    async revisions() {
      const rows = await db().topicContract.findMany({ where: { cluster }, select: { topic: true, version: true } });
      return new Map(rows.map((row) => [row.topic, row.version]));
    },
    async schemas(topics) {
      if (topics.length === 0) return [];
      const rows = await db().topicContract.findMany({
        where: { cluster, topic: { in: topics } },
        select: { topic: true, version: true, valueSchema: true, schemaVersions: { select: { number: true }, orderBy: { number: "desc" }, take: 1 } },
      });
      // A contract without a value schema is not a JSON Schema contract: nothing to check.
      return rows
        .filter((row) => row.valueSchema !== null && typeof row.valueSchema === "object")
        .map((row) => ({ topic: row.topic, version: row.schemaVersions[0]?.number ?? row.version, valueSchema: row.valueSchema }));
    },
  };
}
