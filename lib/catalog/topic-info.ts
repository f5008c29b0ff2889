import "server-only";
import { getDb } from "@/lib/db";
import { getContractDetail, type ContractDetail, type DeclaredParty } from "@/lib/catalog/queries";
import type { CatalogDb, ContractRecord } from "@/lib/catalog/records";
import { isLookupKey } from "@/lib/catalog/keys";

export type TopicCatalogInfo = {
  contract: ContractRecord;
  owner: ContractDetail["ownerInfo"];
  producers: DeclaredParty[];
  consumers: DeclaredParty[];
  /** Newest entry of the schema history, or null when the contract has no schema. */
  latestSchemaVersion: { number: number; author: string; createdAt: string } | null;
};

/**
 * What the catalog says about one live topic: its contract, owner service and team, and the
 * services declared to produce and consume it. null when no contract describes the topic.
 * Throws when the database cannot be read; wrap in `loadCatalog` for an error state.
 */
export async function getTopicCatalogInfo(cluster: string, topic: string, db: CatalogDb = getDb()): Promise<TopicCatalogInfo | null> {
  if (!isLookupKey(cluster) || !isLookupKey(topic)) return null;
  const detail = await getContractDetail(db, cluster, topic);
  if (!detail) return null;
  const { ownerInfo, producers, consumers, schemaVersions, ...contract } = detail;
  const latest = schemaVersions[0];
  return {
    contract,
    owner: ownerInfo,
    producers,
    consumers,
    latestSchemaVersion: latest ? { number: latest.number, author: latest.author, createdAt: latest.createdAt } : null,
  };
}
