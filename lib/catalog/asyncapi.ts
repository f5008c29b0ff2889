// AsyncAPI 3.0 description of one service: channels are its topics (address = topic name, Kafka
// channel bindings with partitions, replicas and retention when known), operations are send (it
// produces) and receive (it consumes, with its consumer group id in the Kafka operation binding),
// messages carry the contract's value schema, key schema and example.
import type { ClusterState } from "@/lib/collector/types";
import type { ContractRecord, ServiceRecord } from "@/lib/catalog/records";

export type AsyncApiServer = { name: string; brokers: string[] };

export type AsyncApiInput = {
  service: ServiceRecord;
  team: { name: string; email: string | null };
  /** Every contract the service owns, produces or consumes. */
  contracts: ContractRecord[];
  /** Live facts (partitions, replicas, retention) win over the contract's expectations when present. */
  states?: ClusterState[];
  servers?: AsyncApiServer[];
};

const KAFKA_BINDING = "0.5.0";
const JSON_SCHEMA_DRAFT_07 = "application/schema+json;version=draft-07";

/** "inventory.low-stock" → "InventoryLowStock": a message name that fits AsyncAPI's key pattern. */
export function toMessageName(topic: string): string {
  return topic
    .split(/[._-]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join("");
}

function schemaFormatOf(schema: unknown): string {
  const declared = (schema as { $schema?: unknown } | null)?.$schema;
  return typeof declared === "string" && /2020-12/.test(declared) ? "application/schema+json;version=2020-12" : JSON_SCHEMA_DRAFT_07;
}

function liveTopic(states: ClusterState[] | undefined, contract: ContractRecord) {
  const snapshot = states?.find((state) => state.cluster === contract.cluster)?.snapshot;
  return snapshot?.topics.find((topic) => topic.name === contract.topic) ?? null;
}

function channelBinding(contract: ContractRecord, states: ClusterState[] | undefined) {
  const live = liveTopic(states, contract);
  const partitions = live ? live.partitionCount : contract.partitions;
  const retentionMs = live?.retentionMs ?? contract.retentionMs;
  return {
    topic: contract.topic,
    ...(partitions ? { partitions } : {}),
    ...(live && live.replicationFactor > 0 ? { replicas: live.replicationFactor } : {}),
    ...(retentionMs !== null && retentionMs !== undefined ? { topicConfiguration: { "retention.ms": retentionMs } } : {}),
    bindingVersion: KAFKA_BINDING,
  };
}

function message(contract: ContractRecord, name: string) {
  return {
    name,
    title: contract.topic,
    ...(contract.description ? { summary: contract.description } : {}),
    contentType: "application/json",
    ...(contract.valueSchema !== null ? { payload: { schemaFormat: schemaFormatOf(contract.valueSchema), schema: contract.valueSchema } } : {}),
    ...(contract.keySchema !== null ? { bindings: { kafka: { key: contract.keySchema, bindingVersion: KAFKA_BINDING } } } : {}),
    ...(contract.exampleMessage !== null ? { examples: [{ name: "example", payload: contract.exampleMessage }] } : {}),
  };
}

function groupIdSchema(groups: string[]) {
  return groups.length === 1 ? { type: "string", const: groups[0] } : { type: "string", enum: groups };
}

/** Builds the AsyncAPI 3.0.0 document (a plain object; serialise as JSON or YAML). */
export function buildAsyncApiDocument(input: AsyncApiInput): Record<string, unknown> {
  const { service, team, contracts, states, servers = [] } = input;
  const sorted = [...contracts].sort((a, b) => `${a.cluster}/${a.topic}`.localeCompare(`${b.cluster}/${b.topic}`));
  const topicCounts = new Map<string, number>();
  for (const contract of sorted) topicCounts.set(contract.topic, (topicCounts.get(contract.topic) ?? 0) + 1);
  // A topic name is a valid channel id; prefix the cluster only when two clusters share a name.
  const channelIdOf = (contract: ContractRecord) => (topicCounts.get(contract.topic)! > 1 ? `${contract.cluster}__${contract.topic}` : contract.topic);
  const serverNames = new Set(servers.map((server) => server.name));

  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const contract of sorted) {
    const channelId = channelIdOf(contract);
    const messageName = toMessageName(channelId);
    channels[channelId] = {
      address: contract.topic,
      title: contract.topic,
      ...(contract.description ? { description: contract.description } : {}),
      ...(serverNames.has(contract.cluster) ? { servers: [{ $ref: `#/servers/${contract.cluster}` }] } : {}),
      messages: { [messageName]: message(contract, messageName) },
      bindings: { kafka: channelBinding(contract, states) },
      "x-owner": contract.owner,
      "x-classification": contract.classification,
      "x-compatibility": contract.compatibility,
      ...(contract.lagObjectiveSec !== null ? { "x-lag-objective-seconds": contract.lagObjectiveSec } : {}),
    };
    const ref = { channel: { $ref: `#/channels/${channelId}` }, messages: [{ $ref: `#/channels/${channelId}/messages/${messageName}` }] };
    const declares = (direction: "produces" | "consumes") =>
      service.flows.some((flow) => flow.direction === direction && flow.cluster === contract.cluster && flow.topic === contract.topic);
    if (declares("produces")) {
      operations[`send${messageName}`] = {
        action: "send",
        title: `${service.name} produces ${contract.topic}`,
        ...ref,
        // The producer header values its records carry (FLOW_PRODUCER_HEADER): how Tributary attributes them.
        "x-producer-header-values": service.producerHeaderValues.length > 0 ? service.producerHeaderValues : [service.slug],
      };
    }
    if (declares("consumes")) {
      operations[`receive${messageName}`] = {
        action: "receive",
        title: `${service.name} consumes ${contract.topic}`,
        ...ref,
        ...(service.consumerGroups.length > 0
          ? { bindings: { kafka: { groupId: groupIdSchema(service.consumerGroups), bindingVersion: KAFKA_BINDING } } }
          : {}),
      };
    }
  }

  return {
    asyncapi: "3.0.0",
    id: `urn:tributary:service:${service.slug}`,
    info: {
      title: service.name,
      version: String(service.version),
      ...(service.description ? { description: service.description } : {}),
      contact: { name: team.name, ...(team.email ? { email: team.email } : {}) },
      ...(service.tags.length > 0 ? { tags: service.tags.map((name) => ({ name })) } : {}),
      ...(service.repositoryUrl ? { externalDocs: { description: "Repository", url: service.repositoryUrl } } : {}),
    },
    ...(servers.length > 0
      ? {
          servers: Object.fromEntries(
            servers.map((server) => [server.name, { host: server.brokers[0] ?? "localhost:9092", protocol: "kafka", description: `Kafka cluster "${server.name}" (${server.brokers.join(", ")})` }]),
          ),
        }
      : {}),
    defaultContentType: "application/json",
    channels,
    operations,
  };
}
