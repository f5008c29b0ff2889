// A deterministic, realistic-looking catalog + snapshot of any size, for the flow benchmark
// (scripts/bench-flow.ts and the flow route's bench-only `?synthetic=` mode). Not demo data.
import type { ClusterSnapshot, GroupSnapshot, GroupStatus, TopicSnapshot } from "@/lib/collector/types";
import type { BuildFlowGraphInput } from "@/lib/flow/build-context";
import type { FlowCatalog, FlowTier, ObservedProducers } from "@/lib/flow/types";

const DOMAINS = [
  "orders", "payments", "inventory", "shipping", "billing", "customers", "catalog", "pricing",
  "search", "fraud", "loyalty", "returns", "warehouse", "support", "marketing", "identity",
  "reviews", "recommendations", "notifications", "analytics", "ledger", "tax", "partners", "media", "audit",
];
const TIERS: FlowTier[] = ["critical", "high", "medium", "low"];
const TAGS = ["pci", "gdpr", "batch", "realtime", "edge", "legacy", "public-api", "internal"];
const PARTITIONS_PER_TOPIC = 3;
const STAGES = 6;

/** mulberry32: tiny seeded PRNG so every run builds the same graph. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Parses "300x1000" (services x topics); null when malformed or beyond 5,000 x 20,000. */
export function parseSyntheticSize(text: string): { services: number; topics: number } | null {
  const match = /^(\d{1,4})x(\d{1,5})$/.exec(text);
  if (!match) return null;
  const services = Number(match[1]);
  const topics = Number(match[2]);
  if (services < 2 || topics < 1 || services > 5000 || topics > 20000) return null;
  return { services, topics };
}

export function createSyntheticFlowInput(options: {
  services: number;
  topics: number;
  seed?: number;
  cluster?: string;
  now?: number;
}): BuildFlowGraphInput {
  const random = createRandom(options.seed ?? 42);
  const cluster = options.cluster ?? "bench";
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const catalog: FlowCatalog = { services: [], contracts: [], flows: [] };
  for (let index = 0; index < options.services; index++) {
    const team = index % 30;
    catalog.services.push({
      slug: `svc-${index}`,
      name: `Service ${index}`,
      teamSlug: `team-${team}`,
      teamName: `Team ${team}`,
      tier: TIERS[index % TIERS.length]!,
      tags: [pick(TAGS), pick(TAGS)].filter((tag, position, all) => all.indexOf(tag) === position),
      consumerGroups: [`svc-${index}-group`],
    });
  }

  const topics: TopicSnapshot[] = [];
  const groupTopics = new Map<string, string[]>();
  const observedProducers: ObservedProducers = new Map();
  const addConsumption = (groupId: string, topic: string) => {
    const list = groupTopics.get(groupId) ?? [];
    list.push(topic);
    groupTopics.set(groupId, list);
  };
  for (let index = 0; index < options.topics; index++) {
    const domain = DOMAINS[index % DOMAINS.length]!;
    const name = `${domain}.event-${index}`;
    const producer = index % options.services;
    const roll = random();
    const live = roll > 0.02;
    if (roll > 0.07 || !live) {
      catalog.contracts.push({
        cluster,
        topic: name,
        ownerServiceSlug: `svc-${producer}`,
        lagObjectiveSec: random() < 0.5 ? 60 : null,
      });
      catalog.flows.push({ serviceSlug: `svc-${producer}`, topic: name, direction: "produces" });
    }
    if (live) {
      const messagesPerSec = random() < 0.05 ? 0 : Math.round(random() * 500 * 10) / 10;
      topics.push({
        name,
        internal: false,
        partitions: Array.from({ length: PARTITIONS_PER_TOPIC }, (_, partition) => ({
          partition, leader: 1, replicas: [1], isr: [1], offlineReplicas: [], startOffset: 0, endOffset: 100_000,
        })),
        partitionCount: PARTITIONS_PER_TOPIC,
        replicationFactor: 1,
        messagesPerSec,
        messageCount: 100_000 * PARTITIONS_PER_TOPIC,
        underReplicatedPartitions: 0,
        offlinePartitions: 0,
        retentionMs: 604_800_000,
      });
      if (random() < 0.5) observedProducers.set(name, new Map([[`svc-${producer}`, 20]]));
    }
    // Estates are staged (edge → core → downstream): consumers sit in later stages than the
    // producer, except a few that read upstream (cycles). Last-stage topics mostly go unread.
    const laterStart = Math.ceil(((Math.floor((producer * STAGES) / options.services) + 1) * options.services) / STAGES);
    for (let consumer = 0; consumer < 2; consumer++) {
      let index: number;
      if (random() < 0.03) index = (producer + 1 + Math.floor(random() * (options.services - 1))) % options.services;
      else if (laterStart < options.services) index = laterStart + Math.floor(random() * (options.services - laterStart));
      else continue;
      const slug = `svc-${index}`;
      const declared = random() > 0.08;
      const observed = live && random() > 0.04;
      if (declared) catalog.flows.push({ serviceSlug: slug, topic: name, direction: "consumes" });
      if (observed) addConsumption(`${slug}-group`, name);
    }
  }
  for (let index = 0; index < 20; index++) {
    const count = 1 + Math.floor(random() * 3);
    for (let n = 0; n < count; n++) addConsumption(`unmapped-${index}`, pick(topics).name);
  }

  const statuses: GroupStatus[] = ["OK", "OK", "OK", "OK", "OK", "OK", "WARNING", "STALLED", "INCOMPLETE"];
  const groups: GroupSnapshot[] = [...groupTopics].map(([groupId, names]) => {
    const summaries = names.map((topic) => ({
      topic,
      lag: Math.floor(random() * 5000),
      maxLag: Math.floor(random() * 2000),
      timeLagSeconds: Math.round(random() * 120),
      timeLagEstimated: false,
      consumedPerSec: Math.round(random() * 300 * 10) / 10,
      status: pick(statuses),
      statusReason: "synthetic",
    }));
    return {
      groupId,
      state: "Stable",
      protocolType: "consumer",
      members: [{ memberId: `${groupId}-1`, clientId: groupId, host: "/10.0.0.1", assignments: [] }],
      topics: summaries,
      partitions: summaries.flatMap((summary) =>
        Array.from({ length: PARTITIONS_PER_TOPIC }, (_, partition) => ({
          topic: summary.topic, partition, committedOffset: 99_000, endOffset: 100_000, startOffset: 0,
          lag: 1000, timeLagSeconds: summary.timeLagSeconds, timeLagEstimated: false, status: summary.status,
        })),
      ),
      lag: summaries.reduce((sum, summary) => sum + summary.lag, 0),
      maxLag: Math.max(...summaries.map((summary) => summary.maxLag)),
      timeLagSeconds: Math.max(...summaries.map((summary) => summary.timeLagSeconds)),
      timeLagEstimated: false,
      consumedPerSec: summaries.reduce((sum, summary) => sum + summary.consumedPerSec, 0),
      status: summaries.some((summary) => summary.status !== "OK") ? "WARNING" : "OK",
      statusReason: "synthetic",
      catchUpSeconds: null,
    };
  });

  const now = options.now ?? Date.now();
  const snapshot: ClusterSnapshot = {
    cluster, clusterId: "synthetic", controller: 1,
    brokers: [{ nodeId: 1, host: "localhost", port: 9092, rack: null }],
    topics, groups, sampledAt: now, sampleDurationMs: 0,
    totals: {
      topics: topics.length, partitions: topics.length * PARTITIONS_PER_TOPIC,
      underReplicatedPartitions: 0, offlinePartitions: 0,
      messagesPerSec: topics.reduce((sum, topic) => sum + (topic.messagesPerSec ?? 0), 0),
    },
    producers: [], conformance: [], conformanceTotals: [],
  };
  return { catalog, snapshot, observedProducers, cluster };
}
