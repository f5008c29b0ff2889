import "server-only";
import { createRequire } from "node:module";
import type { Broker } from "@/lib/kafka/internal-cluster";
import { BufferReader } from "@/lib/kafka/buffer-reader";

/*
 * OffsetFetch v8 (KIP-709, Kafka 3.0+) carries many groups in one request; kafkajs 2.2.4 speaks
 * OffsetFetch only up to v4, one group per request, so at thousands of groups a sample spent most
 * of its time on those round trips. This is the v8 request, written with kafkajs's own Encoder, and
 * its response, read by hand; both go over the broker's connection as kafkajs sends its own requests. Like
 * internal-cluster.ts it relies on kafkajs's internal modules: kafkajs is pinned, so the risk is
 * contained, and it is all in these two files.
 */
const require = createRequire(import.meta.url);

type KafkaEncoder = {
  writeBoolean(value: boolean): KafkaEncoder;
  writeUVarInt(value: number): KafkaEncoder;
  writeUVarIntString(value: string): KafkaEncoder;
  readonly buffer: Buffer;
};

const Encoder = require("kafkajs/src/protocol/encoder") as new (initialSize?: number) => KafkaEncoder;
const { createErrorFromCode } = require("kafkajs/src/protocol/error") as { createErrorFromCode(code: number): Error };

const OFFSET_FETCH = 9;
const BATCHED_VERSION = 8;
/** A compact array or string of length 0 is null; an empty tagged-field section is its count, 0. */
const NULL = 0;
const NO_TAGGED_FIELDS = 0;

export type OffsetFetchGroup = {
  groupId: string;
  errorCode: number;
  topics: { name: string; partitions: { partition: number; committedOffset: number; errorCode: number }[] }[];
};

/** topic -> partition -> committed offset, as in RawGroup.committed. */
export type CommittedOffsets = Map<string, Map<number, number>>;

/** A group's committed offsets, or the error its coordinator answered for it. */
export type GroupOffsetsAnswer = { committed: CommittedOffsets } | { error: unknown };

/** Whether `broker` speaks OffsetFetch v8, the first version that carries many groups. */
export function supportsBatchedOffsetFetch(broker: Pick<Broker, "versions">): boolean {
  const range = broker.versions?.[OFFSET_FETCH];
  return range !== undefined && range.minVersion <= BATCHED_VERSION && range.maxVersion >= BATCHED_VERSION;
}

/** OffsetFetch v8 for every partition each of `groupIds` has committed, in kafkajs's request shape. */
export function offsetFetchRequest(groupIds: string[]) {
  return {
    apiKey: OFFSET_FETCH,
    apiVersion: BATCHED_VERSION,
    apiName: "OffsetFetch",
    // One encoder for the whole request: an Encoder per group (kafkajs's way) was 10,000 buffers a sample.
    encode: async () => {
      const encoder = new Encoder(groupIds.reduce((total, groupId) => total + Buffer.byteLength(groupId) + 7, 8))
        // kafkajs writes request header v1; v2, which flexible versions need, adds these tagged fields to it.
        .writeUVarInt(NO_TAGGED_FIELDS)
        .writeUVarInt(groupIds.length + 1);
      // Topics null: all partitions the group has committed, as the per-group path asks.
      for (const groupId of groupIds) encoder.writeUVarIntString(groupId).writeUVarInt(NULL).writeUVarInt(NO_TAGGED_FIELDS);
      return encoder
        .writeBoolean(false) // RequireStable
        .writeUVarInt(NO_TAGGED_FIELDS);
    },
  };
}

/**
 * Decodes an OffsetFetch v8 response body as kafkajs hands it over (after the correlation id).
 * Read straight from the buffer rather than with kafkajs's Decoder, which made a BigInt for every
 * offset, a string for every partition's (unused) metadata and a closure per array: at 10,000
 * groups a sample decodes 180,000 partitions, and that was some 45 MB of garbage.
 */
export function decodeOffsetFetchResponse(data: Buffer): { throttleTimeMs: number; groups: OffsetFetchGroup[] } {
  const reader = new BufferReader(data, "OffsetFetch");
  reader.skipTaggedFields(); // response header v1
  const throttleTimeMs = reader.int32();
  const groups: OffsetFetchGroup[] = [];
  for (let groupCount = reader.compactLength(); groupCount > 0; groupCount--) {
    const groupId = reader.compactString();
    const topics: OffsetFetchGroup["topics"] = [];
    for (let topicCount = reader.compactLength(); topicCount > 0; topicCount--) {
      const name = reader.compactString();
      const partitions: OffsetFetchGroup["topics"][number]["partitions"] = [];
      for (let partitionCount = reader.compactLength(); partitionCount > 0; partitionCount--) {
        const partition = reader.int32();
        const committedOffset = reader.int64();
        reader.skip(4); // CommittedLeaderEpoch
        reader.skip(reader.compactLength()); // Metadata
        const errorCode = reader.int16();
        reader.skipTaggedFields();
        partitions.push({ partition, committedOffset, errorCode });
      }
      reader.skipTaggedFields();
      topics.push({ name, partitions });
    }
    const errorCode = reader.int16();
    reader.skipTaggedFields();
    groups.push({ groupId, errorCode, topics });
  }
  reader.skipTaggedFields();
  return { throttleTimeMs, groups };
}

/**
 * What kafkajs's one-group `broker.offsetFetch` would give for `group`: it throws the group's error
 * code, else the first partition's, so either fails the group here too; offset −1 is no commit.
 */
export function toGroupOffsetsAnswer(group: OffsetFetchGroup): GroupOffsetsAnswer {
  let errorCode = group.errorCode;
  for (let topic = 0; !errorCode && topic < group.topics.length; topic++) {
    for (const partition of group.topics[topic]!.partitions) if ((errorCode = partition.errorCode)) break;
  }
  if (errorCode) return { error: createErrorFromCode(errorCode) };
  const committed: CommittedOffsets = new Map();
  for (const topic of group.topics) {
    const partitions = new Map<number, number>();
    for (const partition of topic.partitions) if (partition.committedOffset >= 0) partitions.set(partition.partition, partition.committedOffset);
    if (partitions.size > 0) committed.set(topic.name, partitions);
  }
  return { committed };
}

/**
 * The committed offsets of `groupIds` in one OffsetFetch v8 request to their coordinator `broker`.
 * Throws when the request fails; a group the broker answered with an error (not its coordinator
 * any more, still loading the offsets) carries that error.
 */
export async function fetchGroupOffsetsBatch(broker: Broker, groupIds: string[]): Promise<Map<string, GroupOffsetsAnswer>> {
  const response = {
    // kafkajs holds back the connection's next requests for the throttle time a response reports here.
    decode: async (data: Buffer) => {
      const decoded = decodeOffsetFetchResponse(data);
      return { ...decoded, clientSideThrottleTime: decoded.throttleTimeMs };
    },
    parse: async (data: unknown) => data,
  };
  const { groups } = (await broker.connectionPool.send({ request: offsetFetchRequest(groupIds), response })) as ReturnType<typeof decodeOffsetFetchResponse>;
  const answers = new Map(groups.map((group) => [group.groupId, toGroupOffsetsAnswer(group)]));
  for (const groupId of groupIds) {
    if (!answers.has(groupId)) answers.set(groupId, { error: new Error(`OffsetFetch: the coordinator did not answer for group ${groupId}`) });
  }
  return answers;
}
