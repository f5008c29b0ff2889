import "server-only";
import { createRequire } from "node:module";
import type { Broker } from "@/lib/kafka/internal-cluster";
import { BufferReader } from "@/lib/kafka/buffer-reader";
import { ByteWriter } from "@/lib/collector/varint-bytes";
import { PartitionOffsetMap } from "@/lib/kafka/partition-offset-map";

/*
 * OffsetFetch v8 (KIP-709, Kafka 3.0+) carries many groups in one request; kafkajs 2.2.4 speaks
 * OffsetFetch only up to v4, one group per request, so at thousands of groups a sample spent most
 * of its time on those round trips. This is the v8 request and its response, both written and read
 * by hand; they go over the broker's connection as kafkajs sends its own requests. Like
 * internal-cluster.ts it relies on kafkajs's internal modules: kafkajs is pinned, so the risk is
 * contained, and it is all in these two files.
 */
const require = createRequire(import.meta.url);

const { createErrorFromCode } = require("kafkajs/src/protocol/error") as { createErrorFromCode(code: number): Error };

const OFFSET_FETCH = 9;
const BATCHED_VERSION = 8;
/** A compact array or string of length 0 is null; an empty tagged-field section is its count, 0. */
const NULL = 0;
const NO_TAGGED_FIELDS = 0;
/** The room made for a topic's partitions at most, whatever count the response states (more still fit). */
const MAX_PARTITIONS_HINT = 4096;
/**
 * The fewest bytes a partition takes in an OffsetFetch v8 response: PartitionIndex (4),
 * CommittedOffset (8), CommittedLeaderEpoch (4), Metadata (1 at least), ErrorCode (2), tagged fields
 * (1 at least). So a response of n bytes holds fewer than n / 20 partitions' pairs.
 */
const MIN_PARTITION_BYTES = 20;

/** topic -> partition -> committed offset, as in RawGroup.committed. */
export type CommittedOffsets = Map<string, ReadonlyMap<number, number>>;

/** A group's committed offsets, or the error its coordinator answered for it. */
export type GroupOffsetsAnswer = { committed: CommittedOffsets } | { error: unknown };

/** Whether `broker` speaks OffsetFetch v8, the first version that carries many groups. */
export function supportsBatchedOffsetFetch(broker: Pick<Broker, "versions">): boolean {
  const range = broker.versions?.[OFFSET_FETCH];
  return range !== undefined && range.minVersion <= BATCHED_VERSION && range.maxVersion >= BATCHED_VERSION;
}

/**
 * OffsetFetch v8 for every partition each of `groupIds` has committed, in kafkajs's request shape.
 * The body is written into one growing buffer: kafkajs's Encoder makes an array and a Buffer for
 * every varint it writes, three per group, 30,000 a sample at 10,000 groups. kafkajs only reads
 * `buffer` of what `encode` returns (and checks that `buf` is a Buffer).
 */
export function offsetFetchRequest(groupIds: string[]) {
  return {
    apiKey: OFFSET_FETCH,
    apiVersion: BATCHED_VERSION,
    apiName: "OffsetFetch",
    encode: async () => encodeOffsetFetch(groupIds),
  };
}

/** The request's body, as kafkajs reads it; a function of the module for the reason list-offsets-batch.ts's encodeListOffsets gives. */
function encodeOffsetFetch(groupIds: readonly string[]): { buf: Buffer; buffer: Buffer } {
  // Kafka's UNSIGNED_VARINT is unsigned LEB128, as the saved state's varints.
  const body = new ByteWriter();
  // kafkajs writes request header v1; v2, which flexible versions need, adds these tagged fields to it.
  body.uint(NO_TAGGED_FIELDS);
  body.uint(groupIds.length + 1);
  for (const groupId of groupIds) {
    const length = Buffer.byteLength(groupId, "utf8");
    body.uint(length + 1); // COMPACT_STRING
    body.utf8(groupId, length);
    // Topics null: all partitions the group has committed, as the per-group path asks.
    body.uint(NULL);
    body.uint(NO_TAGGED_FIELDS);
  }
  body.byte(0); // RequireStable false
  body.uint(NO_TAGGED_FIELDS);
  const buffer = body.finish();
  return { buf: buffer, buffer };
}

/**
 * Decodes an OffsetFetch v8 response body as kafkajs hands it over (after the correlation id),
 * straight into each group's answer, as kafkajs's one-group `broker.offsetFetch` would give it: the
 * group's error code, else its first partition's, fails the group; offset −1 is no commit (left
 * out, and a topic with no commit left is left out too). Read from the buffer rather than with
 * kafkajs's Decoder, which made a BigInt for every offset, a string for every partition's (unused)
 * metadata and a closure per array, and without an object per partition on the way: at 10,000
 * groups a sample decodes 180,000 partitions.
 */
export function decodeOffsetFetchResponse(data: Buffer): { throttleTimeMs: number; answers: Map<string, GroupOffsetsAnswer> } {
  const reader = new BufferReader(data, "OffsetFetch");
  // Every group's and topic's pairs in one array, each map a stretch of it (PartitionOffsetMap).
  const arena = new Float64Array(2 * Math.floor(data.length / MIN_PARTITION_BYTES));
  let used = 0;
  reader.skipTaggedFields(); // response header v1
  const throttleTimeMs = reader.int32();
  const answers = new Map<string, GroupOffsetsAnswer>();
  for (let groupCount = reader.compactLength(); groupCount > 0; groupCount--) {
    const groupId = reader.compactString();
    const committed: CommittedOffsets = new Map();
    let partitionError = 0;
    for (let topicCount = reader.compactLength(); topicCount > 0; topicCount--) {
      const name = reader.compactString();
      let partitions: PartitionOffsetMap | null = null;
      let inArena = false;
      const listed = reader.compactLength();
      for (let partitionCount = listed; partitionCount > 0; partitionCount--) {
        const partition = reader.int32();
        const committedOffset = reader.int64();
        reader.skip(4); // CommittedLeaderEpoch
        reader.skip(reader.compactLength()); // Metadata
        const errorCode = reader.int16();
        reader.skipTaggedFields();
        if (errorCode !== 0) partitionError ||= errorCode;
        else if (committedOffset >= 0) {
          if (!partitions) {
            inArena = used + listed * 2 <= arena.length;
            partitions = inArena ? new PartitionOffsetMap(listed, arena, used) : new PartitionOffsetMap(Math.min(listed, MAX_PARTITIONS_HINT));
          }
          partitions.append(partition, committedOffset);
        }
      }
      reader.skipTaggedFields();
      if (partitions) {
        committed.set(name, partitions.trim());
        if (inArena) used += partitions.size * 2;
      }
    }
    const errorCode = reader.int16() || partitionError;
    reader.skipTaggedFields();
    answers.set(groupId, errorCode ? { error: createErrorFromCode(errorCode) } : { committed });
  }
  reader.skipTaggedFields();
  return { throttleTimeMs, answers };
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
  const { answers } = (await broker.connectionPool.send({ request: offsetFetchRequest(groupIds), response })) as ReturnType<typeof decodeOffsetFetchResponse>;
  for (const groupId of groupIds) {
    if (!answers.has(groupId)) answers.set(groupId, { error: new Error(`OffsetFetch: the coordinator did not answer for group ${groupId}`) });
  }
  return answers;
}
