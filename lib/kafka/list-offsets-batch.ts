import "server-only";
import { createRequire } from "node:module";
import type { Broker } from "@/lib/kafka/internal-cluster";
import { BufferReader } from "@/lib/kafka/buffer-reader";

/*
 * ListOffsets v2 for every partition a broker leads, written into one buffer and read straight from
 * the response. kafkajs's `broker.listOffsets` builds an Encoder of 511 zeroed bytes per partition
 * (15,000 partitions, twice a sample: 30,000 of them, ~15 MB) and decodes each offset through a
 * BigInt into a string; it also throws on the first partition with an error code, losing the answers
 * of every other partition the broker leads. Here a partition with an error is left out of the answer
 * (the caller keeps its last known offsets) and the others are kept. v2 is what kafkajs itself sends
 * (its v3 is the same request); every broker since Kafka 0.11 speaks it. Sent on the broker's
 * connection as kafkajs sends its own requests, like offset-fetch-batch.ts.
 */
const require = createRequire(import.meta.url);

type KafkaEncoder = {
  writeInt8(value: number): KafkaEncoder;
  writeInt32(value: number): KafkaEncoder;
  writeString(value: string): KafkaEncoder;
};
const Encoder = require("kafkajs/src/protocol/encoder") as new (initialSize?: number) => KafkaEncoder;

const LIST_OFFSETS = 2;
const VERSION = 2;
const NO_REPLICA = -1;
const READ_UNCOMMITTED = 0;

/** ListOffsets' special timestamps: the end offset (high watermark) and the start offset. */
export const LATEST = -1;
export const EARLIEST = -2;
export type OffsetTimestamp = typeof LATEST | typeof EARLIEST;

/** Partitions by topic, as the request lists them. */
export type PartitionsByTopic = ReadonlyMap<string, readonly number[]>;

export function listOffsetsRequest(topics: PartitionsByTopic, timestamp: OffsetTimestamp) {
  let partitionCount = 0;
  let nameBytes = 0;
  for (const [topic, partitions] of topics) {
    partitionCount += partitions.length;
    nameBytes += Buffer.byteLength(topic);
  }
  return {
    apiKey: LIST_OFFSETS,
    apiVersion: VERSION,
    apiName: "ListOffsets",
    encode: async () => encodeListOffsets(topics, timestamp, 9 + topics.size * 6 + nameBytes + partitionCount * 12),
  };
}

/**
 * The request's body: a function of the module, not a closure made with each request, so that V8
 * keeps its optimized code from one sample to the next (BENCHMARKS.md, "closures compiled again
 * every sample").
 */
function encodeListOffsets(topics: PartitionsByTopic, timestamp: OffsetTimestamp, size: number): KafkaEncoder {
  const encoder = new Encoder(size).writeInt32(NO_REPLICA).writeInt8(READ_UNCOMMITTED).writeInt32(topics.size);
  for (const [topic, partitions] of topics) {
    encoder.writeString(topic).writeInt32(partitions.length);
    // The timestamp as INT64: -1 and -2 are all ones in the high word.
    for (const partition of partitions) encoder.writeInt32(partition).writeInt32(-1).writeInt32(timestamp);
  }
  return encoder;
}

/**
 * Where a response's offsets go, as they are read: `topic` before each topic's partitions, then
 * `offset` for each partition answered without an error (the others are left out: the caller keeps
 * their last known offsets). No map or object is made per topic or partition (at 15,000 partitions
 * a sample reads 30,000 offsets).
 */
export type OffsetSink = { topic(name: string): void; offset(partition: number, offset: number): void };

/** Decodes a ListOffsets v2 response body as kafkajs hands it over (after the correlation id), into `sink`. */
export function decodeListOffsetsResponse(data: Buffer, sink: OffsetSink): { throttleTimeMs: number } {
  const reader = new BufferReader(data, "ListOffsets");
  const throttleTimeMs = reader.int32();
  for (let topics = reader.int32(); topics > 0; topics--) {
    sink.topic(reader.string());
    for (let count = reader.int32(); count > 0; count--) {
      const partition = reader.int32();
      const errorCode = reader.int16();
      reader.skip(8); // timestamp
      const offset = reader.int64();
      if (errorCode === 0) sink.offset(partition, offset);
    }
  }
  return { throttleTimeMs };
}

/** Reads the offsets `broker` answers for `topics` at `timestamp` into `sink`, in one request. Throws when the request fails. */
export async function listOffsetsBatch(broker: Broker, topics: PartitionsByTopic, timestamp: OffsetTimestamp, sink: OffsetSink): Promise<void> {
  const response = {
    // kafkajs holds back the connection's next requests for the throttle time a response reports here.
    decode: async (data: Buffer) => {
      const decoded = decodeListOffsetsResponse(data, sink);
      return { ...decoded, clientSideThrottleTime: decoded.throttleTimeMs };
    },
    parse: async (data: unknown) => data,
  };
  await broker.connectionPool.send({ request: listOffsetsRequest(topics, timestamp), response });
}
