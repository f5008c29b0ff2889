import "server-only";
import type { Broker, RawMetadata } from "@/lib/kafka/internal-cluster";
import { BufferReader } from "@/lib/kafka/buffer-reader";

/*
 * Metadata v6 for every topic, read straight from the response: the first request of every sample.
 * kafkajs's decoder made a Decoder call, a closure and an object per field group, and three arrays
 * per partition (~16 MB of garbage a sample at 15,000 partitions, the largest single share of what a
 * sample allocates); here a partition is one object whose ISR is its replica list itself when the two
 * are the same (a healthy partition) and whose empty lists are one shared empty array. Partition
 * error codes are not kept: an offline partition is listed with leader −1 (offline-partitions.ts says
 * why), as kafkajs's own requests see it inside allowOfflinePartitions. A topic with an error of its
 * own (a topic still being created, or being deleted) is listed with its error code, and readers
 * leave it out of the sample, where kafkajs failed the whole response. v6 is the version kafkajs
 * itself sends to a broker that speaks it (Kafka 2.0 and later, Kafka 4 included); the request and
 * the response are the same as v5's, which adds the offline replicas to v4. Sent on the broker's
 * connection as kafkajs sends its own requests, like list-offsets-batch.ts.
 */
const METADATA = 3;
const VERSION = 6;
/** All topics: a null array (kafkajs sends null for an empty list too). */
const ALL_TOPICS = -1;

/** The list a partition without any such replica shares with every other: never written to. */
export const NO_NODES: number[] = Object.freeze([]) as unknown as number[];

/** Whether `broker` speaks Metadata v6. */
export function supportsMetadataV6(broker: Pick<Broker, "versions">): boolean {
  const range = broker.versions?.[METADATA];
  return range !== undefined && range.minVersion <= VERSION && range.maxVersion >= VERSION;
}

/** Metadata v6 for all topics, without creating any; in kafkajs's request shape (it reads `buffer` of what `encode` returns). */
export function metadataRequest() {
  return {
    apiKey: METADATA,
    apiVersion: VERSION,
    apiName: "Metadata",
    encode: async () => {
      const buffer = Buffer.alloc(5);
      buffer.writeInt32BE(ALL_TOPICS, 0);
      buffer.writeInt8(0, 4); // allow_auto_topic_creation: false
      return { buf: buffer, buffer };
    },
  };
}

/** Decodes a Metadata v5/v6 response body as kafkajs hands it over (after the correlation id). */
export function decodeMetadataResponse(data: Buffer): RawMetadata & { throttleTimeMs: number } {
  const reader = new BufferReader(data, "Metadata");
  const throttleTimeMs = reader.int32();
  const brokers: RawMetadata["brokers"] = [];
  for (let count = reader.int32(); count > 0; count--) {
    brokers.push({ nodeId: reader.int32(), host: reader.string(), port: reader.int32(), rack: reader.nullableString() });
  }
  const clusterId = reader.nullableString() ?? undefined;
  const controllerId = reader.int32();
  const topicMetadata: RawMetadata["topicMetadata"] = [];
  for (let topics = reader.int32(); topics > 0; topics--) {
    const topicErrorCode = reader.int16();
    const topic = reader.string();
    const isInternal = reader.int8() !== 0;
    const partitionMetadata: RawMetadata["topicMetadata"][number]["partitionMetadata"] = [];
    for (let partitions = reader.int32(); partitions > 0; partitions--) {
      reader.skip(2); // the partition's error code
      const partitionId = reader.int32();
      const leader = reader.int32();
      const replicas = readNodes(reader, NO_NODES);
      const isr = readNodes(reader, replicas);
      const offlineReplicas = readNodes(reader, NO_NODES);
      partitionMetadata.push({ partitionId, leader, replicas, isr, offlineReplicas });
    }
    topicMetadata.push({ topic, isInternal, topicErrorCode, partitionMetadata });
  }
  return { throttleTimeMs, brokers, clusterId, controllerId, topicMetadata };
}

/** An INT32 array of node ids; `like` itself when it holds the same ids in the same order, NO_NODES when empty or null. */
function readNodes(reader: BufferReader, like: number[]): number[] {
  const count = reader.int32();
  if (count <= 0) return NO_NODES;
  let nodes: number[] | null = count === like.length ? null : [];
  for (let index = 0; index < count; index++) {
    const node = reader.int32();
    if (nodes === null) {
      if (node === like[index]) continue;
      nodes = like.slice(0, index);
    }
    nodes.push(node);
  }
  return nodes ?? like;
}

/** Every topic's metadata as `broker` answers it, in one request. Throws when the request fails. */
export async function readMetadata(broker: Broker): Promise<RawMetadata> {
  const response = {
    // kafkajs holds back the connection's next requests for the throttle time a response reports here.
    decode: async (data: Buffer) => {
      const decoded = decodeMetadataResponse(data);
      return { ...decoded, clientSideThrottleTime: decoded.throttleTimeMs };
    },
    parse: async (data: unknown) => data,
  };
  return (await broker.connectionPool.send({ request: metadataRequest(), response })) as RawMetadata;
}
