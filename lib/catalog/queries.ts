import "server-only";
import { contractInclude, contractKeyOf, serviceInclude, toContractRecord, toServiceRecord, type CatalogDb, type ContractRecord, type ServiceRecord } from "@/lib/catalog/records";
import type { ServiceTopicRef, ServiceTopicRole } from "@/lib/catalog/live-join";
import { isLookupKey } from "@/lib/catalog/keys";

export type ServiceSummary = ServiceRecord & { teamName: string; contractCount: number };

export async function listServices(db: CatalogDb): Promise<ServiceSummary[]> {
  const rows = await db.service.findMany({
    orderBy: { slug: "asc" },
    include: { ...serviceInclude, team: { select: { slug: true, name: true } }, _count: { select: { contracts: true } } },
  });
  return rows.map((row) => ({ ...toServiceRecord(row), teamName: row.team.name, contractCount: row._count.contracts }));
}

export type ServiceDetail = ServiceRecord & {
  teamInfo: { slug: string; name: string; email: string | null; chatChannel: string | null; oncallUrl: string | null };
  ownedContracts: { cluster: string; topic: string; lagObjectiveSec: number | null }[];
  /** Owned and declared topics with the service's roles on each, for the live join. */
  topics: ServiceTopicRef[];
};

export async function getServiceDetail(db: CatalogDb, slug: string): Promise<ServiceDetail | null> {
  if (!isLookupKey(slug)) return null;
  const row = await db.service.findUnique({
    where: { slug },
    include: {
      ...serviceInclude,
      team: { select: { slug: true, name: true, email: true, chatChannel: true, oncallUrl: true } },
      flows: { include: { contract: { select: { cluster: true, topic: true, lagObjectiveSec: true } } } },
      contracts: { select: { cluster: true, topic: true, lagObjectiveSec: true }, orderBy: [{ cluster: "asc" }, { topic: "asc" }] },
    },
  });
  if (!row) return null;
  const topics = new Map<string, ServiceTopicRef>();
  const addRole = (contract: { cluster: string; topic: string; lagObjectiveSec: number | null }, role: ServiceTopicRole) => {
    const key = contractKeyOf(contract);
    const entry = topics.get(key) ?? { cluster: contract.cluster, topic: contract.topic, roles: [], lagObjectiveSec: contract.lagObjectiveSec };
    if (!entry.roles.includes(role)) entry.roles.push(role);
    topics.set(key, entry);
  };
  row.contracts.forEach((contract) => addRole(contract, "owner"));
  row.flows.forEach((flow) => addRole(flow.contract, flow.direction));
  return {
    ...toServiceRecord(row),
    teamInfo: row.team,
    ownedContracts: row.contracts,
    topics: [...topics.values()].sort((a, b) => contractKeyOf(a).localeCompare(contractKeyOf(b))),
  };
}

export type ContractSummary = ContractRecord & { ownerTeam: string; producers: string[]; consumers: string[] };

export async function listContracts(db: CatalogDb): Promise<ContractSummary[]> {
  const rows = await db.topicContract.findMany({
    orderBy: [{ cluster: "asc" }, { topic: "asc" }],
    include: {
      ownerService: { select: { slug: true, team: { select: { slug: true } } } },
      flows: { select: { direction: true, service: { select: { slug: true } } } },
    },
  });
  return rows.map((row) => ({
    ...toContractRecord(row),
    ownerTeam: row.ownerService.team.slug,
    producers: row.flows.filter((flow) => flow.direction === "produces").map((flow) => flow.service.slug).sort(),
    consumers: row.flows.filter((flow) => flow.direction === "consumes").map((flow) => flow.service.slug).sort(),
  }));
}

export type SchemaVersionEntry = { number: number; valueSchema: unknown; keySchema: unknown; author: string; createdAt: string };
export type DeclaredParty = { slug: string; name: string; purpose: string; consumerGroups: string[] };

export type ContractDetail = ContractRecord & {
  ownerInfo: { slug: string; name: string; tier: string; team: { slug: string; name: string; email: string | null; chatChannel: string | null; oncallUrl: string | null } };
  producers: DeclaredParty[];
  consumers: DeclaredParty[];
  schemaVersions: SchemaVersionEntry[];
};

export async function getContractDetail(db: CatalogDb, cluster: string, topic: string): Promise<ContractDetail | null> {
  if (!isLookupKey(cluster) || !isLookupKey(topic)) return null;
  const row = await db.topicContract.findUnique({
    where: { cluster_topic: { cluster, topic } },
    include: {
      ...contractInclude,
      ownerService: {
        select: { slug: true, name: true, tier: true, team: { select: { slug: true, name: true, email: true, chatChannel: true, oncallUrl: true } } },
      },
      flows: { include: { service: { select: { slug: true, name: true, consumerGroups: true } } }, orderBy: { service: { slug: "asc" } } },
      schemaVersions: { orderBy: { number: "desc" } },
    },
  });
  if (!row) return null;
  const party = (flow: (typeof row.flows)[number]): DeclaredParty => ({
    slug: flow.service.slug,
    name: flow.service.name,
    purpose: flow.purpose,
    consumerGroups: flow.service.consumerGroups,
  });
  return {
    ...toContractRecord(row),
    ownerInfo: row.ownerService,
    producers: row.flows.filter((flow) => flow.direction === "produces").map(party),
    consumers: row.flows.filter((flow) => flow.direction === "consumes").map(party),
    schemaVersions: row.schemaVersions.map((version) => ({
      number: version.number,
      valueSchema: version.valueSchema ?? null,
      keySchema: version.keySchema ?? null,
      author: version.author,
      createdAt: version.createdAt.toISOString(),
    })),
  };
}

/** Just what the live join needs: every contract's key and lag objective, and every service's groups. */
export async function listLiveJoinKeys(db: CatalogDb) {
  const [contracts, services] = await Promise.all([
    db.topicContract.findMany({ select: { cluster: true, topic: true, lagObjectiveSec: true } }),
    db.service.findMany({ select: { slug: true, consumerGroups: true } }),
  ]);
  return { contracts, services };
}
