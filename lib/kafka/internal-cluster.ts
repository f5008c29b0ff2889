import "server-only";
import { createRequire } from "node:module";
import type { KafkaConfig } from "kafkajs";

/*
 * kafkajs's public admin API asks one consumer group's offsets per call and looks up the group
 * coordinator every time, and lists offsets one topic at a time. For thousands of partitions and
 * hundreds of groups that is thousands of round trips per sample. kafkajs's own Cluster class
 * (what its admin uses inside) can send one ListOffsets per broker for all partitions it leads,
 * and one DescribeGroups per coordinator; its Fetch request, sent directly, can read the record
 * timestamps behind time lag for every partition a broker leads at once without one partition's
 * error discarding the others. kafkajs is pinned (2.2.4, no further releases), so
 * relying on its internal modules is a contained risk, and all of it is in this file and
 * offset-fetch-batch.ts (the multi-group OffsetFetch kafkajs does not speak).
 */
const require = createRequire(import.meta.url);

export type FetchRequest = {
  replicaId: number;
  isolationLevel: number;
  maxWaitTime: number;
  minBytes: number;
  maxBytes: number;
  topics: { topic: string; partitions: { partition: number; fetchOffset: string; maxBytes: number }[] }[];
};

export type FetchResponse = { responses: { topicName: string; partitions: RawFetchedPartition[] }[] };

type ProtocolRequest = { request: unknown; response: { decode(data: Buffer): Promise<unknown>; parse(data: unknown): Promise<unknown> }; requestTimeout?: number };

export type Broker = {
  /** kafkajs's Metadata request: all topics when `topics` is empty. */
  metadata(topics: string[]): Promise<RawMetadata>;
  listOffsets(request: {
    isolationLevel: number;
    topics: { topic: string; partitions: { partition: number; timestamp: number }[] }[];
  }): Promise<{ responses: { topic: string; partitions: { partition: number; errorCode: number; offset: string }[] }[] }>;
  describeGroups(request: { groupIds: string[] }): Promise<{ groups: RawGroupDescription[] }>;
  /** The groups this broker coordinates. */
  listGroups(): Promise<{ groups: { groupId: string; protocolType: string }[] }>;
  offsetFetch(request: { groupId: string; topics: never[] }): Promise<{
    responses: { topic: string; partitions: { partition: number; offset: string; errorCode: number }[] }[];
    errorCode?: number;
  }>;
  fetch(request: FetchRequest): Promise<FetchResponse>;
  lookupRequest(apiKey: number, definition: unknown): (request: unknown) => ProtocolRequest;
  connectionPool: { send(request: ProtocolRequest): Promise<unknown> };
  /** The versions the broker answered to ApiVersions, by API key; set once it is connected. */
  versions: Record<number, { minVersion: number; maxVersion: number }> | null;
};

export type RawGroupDescription = {
  errorCode: number;
  groupId: string;
  state: string;
  protocolType: string;
  protocol: string;
  members: { memberId: string; clientId: string; clientHost: string; memberAssignment: Buffer }[];
};

export type RawFetchedPartition = {
  partition: number;
  errorCode: number;
  highWatermark: string;
  messages: {
    offset: string;
    timestamp: string;
    key: Buffer | null;
    value: Buffer | null;
    headers: Record<string, Buffer | Buffer[] | undefined>;
    isControlRecord?: boolean;
  }[];
};

export type RawMetadata = {
  clusterId?: string;
  controllerId?: number;
  brokers: { nodeId: number; host: string; port: number; rack?: string | null }[];
  topicMetadata: {
    topic: string;
    isInternal?: boolean;
    topicErrorCode: number;
    partitionMetadata: {
      partitionId: number;
      leader: number;
      replicas: number[];
      isr: number[];
      offlineReplicas?: number[];
    }[];
  }[];
};

export type InternalCluster = {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  metadata(options?: { topics?: string[] }): Promise<RawMetadata>;
  findBroker(options: { nodeId: string | number }): Promise<Broker>;
  findGroupCoordinatorMetadata(options: { groupId: string }): Promise<{ coordinator: { nodeId: number } }>;
  brokerPool: { withBroker<T>(fn: (args: { broker: Broker }) => Promise<T>): Promise<T> };
};

export function createInternalCluster(config: KafkaConfig): InternalCluster {
  const Cluster = require("kafkajs/src/cluster");
  const { createLogger, LEVELS } = require("kafkajs/src/loggers");
  const socketFactory = require("kafkajs/src/network/socketFactory");
  const logger = createLogger({ level: LEVELS.NOTHING, logCreator: () => () => {} });
  return new Cluster({
    logger,
    socketFactory: socketFactory(),
    brokers: config.brokers,
    ssl: config.ssl,
    sasl: config.sasl,
    clientId: config.clientId,
    connectionTimeout: config.connectionTimeout,
    requestTimeout: config.requestTimeout,
    enforceRequestTimeout: true,
    retry: config.retry,
    allowAutoTopicCreation: false,
    maxInFlightRequests: null,
    isolationLevel: 0,
  }) as InternalCluster;
}

/**
 * One Fetch request whose per-partition errors stay in the answer. kafkajs's `broker.fetch` throws
 * on the first partition with an error code, so one partition whose record went to retention
 * (OFFSET_OUT_OF_RANGE) or whose leader just moved would lose the answers of every other partition
 * in the request; here each partition keeps its own `errorCode`. Same protocol version and decoder
 * as `broker.fetch` (partial trailing batches are dropped by kafkajs's decoder).
 */
export async function fetchKeepingPartitionErrors(broker: Broker, request: FetchRequest): Promise<FetchResponse> {
  return (await sendKeepingErrors(broker, "Fetch", request)) as FetchResponse;
}

export type DescribeConfigsRequest = { resources: { type: number; name: string }[]; includeSynonyms: boolean };

export type DescribeConfigsResponse = {
  resources: {
    errorCode: number;
    resourceName: string;
    configEntries: { configName: string; configValue: string | null; readOnly: boolean; isDefault: boolean; isSensitive: boolean }[];
  }[];
};

/**
 * One DescribeConfigs request whose per-resource errors stay in the answer. kafkajs's
 * `broker.describeConfigs` throws on the first resource with an error code, so one topic deleted
 * since the metadata was read would lose the configs of the other 499 in its request. Same protocol
 * version and decoder as `broker.describeConfigs`.
 */
export async function describeConfigsKeepingErrors(broker: Broker, request: DescribeConfigsRequest): Promise<DescribeConfigsResponse> {
  return (await sendKeepingErrors(broker, "DescribeConfigs", request)) as DescribeConfigsResponse;
}

/**
 * Sends kafkajs's own request (the version `broker` negotiated, kafkajs's encoder and decoder) and
 * returns the decoded answer without kafkajs's parse step, which throws on the first error code
 * anywhere in it.
 */
async function sendKeepingErrors(broker: Broker, api: "Fetch" | "DescribeConfigs", request: unknown): Promise<unknown> {
  const { requests } = require("kafkajs/src/protocol/requests");
  const apiKeys = require("kafkajs/src/protocol/requests/apiKeys");
  const protocol = broker.lookupRequest(apiKeys[api], requests[api])(request);
  const response = { decode: (data: Buffer) => protocol.response.decode(data), parse: async (data: unknown) => data };
  return broker.connectionPool.send({ ...protocol, response });
}

/** Decodes a consumer's assignment as the classic consumer protocol encodes it. */
export function decodeMemberAssignment(buffer: Buffer): { topic: string; partitions: number[] }[] {
  if (!buffer || buffer.length === 0) return [];
  const { AssignerProtocol } = require("kafkajs") as typeof import("kafkajs");
  const decoded = AssignerProtocol.MemberAssignment.decode(buffer);
  if (!decoded) return [];
  return Object.entries(decoded.assignment).map(([topic, partitions]) => ({
    topic,
    partitions: [...(partitions as number[])].sort((a, b) => a - b),
  }));
}
