import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { decodeMetadataResponse, metadataRequest, supportsMetadataV6 } from "@/lib/kafka/cluster-metadata";
import { array, int16, int32, int8, string } from "@/tests/support/kafka-wire";

const require = createRequire(import.meta.url);

// Built by hand from MetadataRequest.json / MetadataResponse.json (v6), and compared with what
// kafkajs's own v6 request encodes and its v6 response decodes.
const nodes = (ids: number[] | null) => (ids === null ? int32(-1) : array(ids.map(int32)));

const HOSTILE = "pay/ments%2F\u00fc\u{1F600}";

const partition = (errorCode: number, id: number, leader: number, replicas: number[], isr: number[] | null, offline: number[]) =>
  Buffer.concat([int16(errorCode), int32(id), int32(leader), nodes(replicas), nodes(isr), nodes(offline)]);

const RESPONSE = Buffer.concat([
  int32(7), // throttle time
  array([
    Buffer.concat([int32(1), string("127.0.0.1"), int32(9092), string(null)]),
    Buffer.concat([int32(2), string("broker-2.internal"), int32(9093), string("rack-b")]),
    Buffer.concat([int32(3), string("broker-3.internal"), int32(9094), string("rack-c")]),
  ]),
  string("kRaFt-cluster-id"),
  int32(2), // controller
  array([
    Buffer.concat([
      int16(0), string(HOSTILE), int8(0),
      array([
        partition(0, 2, 2, [2, 3, 1], [2, 3, 1], []), // healthy
        partition(0, 0, 1, [1, 2, 3], [1, 2], []), // under-replicated
        partition(5, 1, -1, [3], null, [3]), // offline: LEADER_NOT_AVAILABLE, no ISR
        partition(0, 3, 3, [3, 1], [3, 2], []), // same length, different nodes
      ]),
    ]),
    Buffer.concat([int16(0), string("__consumer_offsets"), int8(1), array([partition(0, 0, 1, [1], [1], [])])]),
    Buffer.concat([int16(5), string("being-created"), int8(0), array([])]),
  ]),
]);

describe("Metadata v6, read straight from the response", () => {
  it("encodes exactly what kafkajs's own v6 request encodes for all topics, without creating any", async () => {
    const kafkajsRequest = require("kafkajs/src/protocol/requests/metadata/v6/request") as (request: object) => { encode(): Promise<{ buffer: Buffer }> };
    const ours = (await metadataRequest().encode()).buffer;
    const theirs = (await kafkajsRequest({ topics: [], allowAutoTopicCreation: false }).encode()).buffer;
    expect(ours.equals(theirs)).toBe(true);
    expect(ours.equals(Buffer.concat([int32(-1), int8(0)]))).toBe(true);
    expect(metadataRequest()).toMatchObject({ apiKey: 3, apiVersion: 6 });
  });

  it("reads what kafkajs's v6 decoder reads, partition error codes aside", async () => {
    const ours = decodeMetadataResponse(RESPONSE);
    const theirs = (await (require("kafkajs/src/protocol/requests/metadata/v6/response") as { decode(data: Buffer): Promise<Record<string, unknown>> }).decode(RESPONSE)) as {
      clientSideThrottleTime: number;
      brokers: unknown[];
      clusterId: string;
      controllerId: number;
      topicMetadata: { topic: string; isInternal: boolean; topicErrorCode: number; partitionMetadata: ({ partitionErrorCode?: number } & Record<string, unknown>)[] }[];
    };
    expect(ours.throttleTimeMs).toBe(theirs.clientSideThrottleTime);
    expect(ours.brokers).toEqual(theirs.brokers);
    expect(ours.clusterId).toBe(theirs.clusterId);
    expect(ours.controllerId).toBe(theirs.controllerId);
    expect(ours.topicMetadata).toEqual(
      theirs.topicMetadata.map((topic) => ({
        ...topic,
        partitionMetadata: topic.partitionMetadata.map(({ partitionErrorCode: _code, ...rest }) => rest),
      })),
    );
    // Exact values, not only kafkajs's agreement.
    expect(ours.brokers).toEqual([
      { nodeId: 1, host: "127.0.0.1", port: 9092, rack: null },
      { nodeId: 2, host: "broker-2.internal", port: 9093, rack: "rack-b" },
      { nodeId: 3, host: "broker-3.internal", port: 9094, rack: "rack-c" },
    ]);
    expect(ours.topicMetadata.map((topic) => [topic.topic, topic.isInternal, topic.topicErrorCode, topic.partitionMetadata.length])).toEqual([
      [HOSTILE, false, 0, 4],
      ["__consumer_offsets", true, 0, 1],
      ["being-created", false, 5, 0],
    ]);
    expect(ours.topicMetadata[0]!.partitionMetadata).toEqual([
      { partitionId: 2, leader: 2, replicas: [2, 3, 1], isr: [2, 3, 1], offlineReplicas: [] },
      { partitionId: 0, leader: 1, replicas: [1, 2, 3], isr: [1, 2], offlineReplicas: [] },
      { partitionId: 1, leader: -1, replicas: [3], isr: [], offlineReplicas: [3] },
      { partitionId: 3, leader: 3, replicas: [3, 1], isr: [3, 2], offlineReplicas: [] },
    ]);
  });

  it("shares the replica list as the ISR of a partition whose ISR is the same, and one empty list", () => {
    const [healthy, underReplicated, offline, reordered] = decodeMetadataResponse(RESPONSE).topicMetadata[0]!.partitionMetadata;
    expect(healthy!.isr).toBe(healthy!.replicas);
    expect(underReplicated!.isr).not.toBe(underReplicated!.replicas);
    expect(reordered!.isr).not.toBe(reordered!.replicas);
    expect(healthy!.offlineReplicas).toBe(offline!.isr);
    expect(Object.isFrozen(offline!.isr)).toBe(true);
  });

  it("refuses a response that ends early, naming it", () => {
    expect(() => decodeMetadataResponse(RESPONSE.subarray(0, RESPONSE.length - 3))).toThrow(/Metadata: response ends early/);
  });

  it("is used only with brokers that speak v6", () => {
    expect(supportsMetadataV6({ versions: { 3: { minVersion: 4, maxVersion: 13 } } })).toBe(true);
    expect(supportsMetadataV6({ versions: { 3: { minVersion: 0, maxVersion: 5 } } })).toBe(false);
    expect(supportsMetadataV6({ versions: { 3: { minVersion: 7, maxVersion: 13 } } })).toBe(false);
    expect(supportsMetadataV6({ versions: null })).toBe(false);
  });
});
