import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { EARLIEST, LATEST, decodeListOffsetsResponse, listOffsetsRequest } from "@/lib/kafka/list-offsets-batch";
import { array, int16, int32, int64, string } from "@/tests/support/kafka-wire";

const require = createRequire(import.meta.url);

// Built by hand from ListOffsetsRequest.json / ListOffsetsResponse.json (v2), and compared with the
// request kafkajs itself encodes for the same partitions.
const HOSTILE = "pay/ments%2F\u00fc\u{1F600}";

describe("ListOffsets v2, one buffer per request", () => {
  it("encodes exactly what kafkajs's own v2 request encodes, for the end and the start offsets", async () => {
    const kafkajsRequest = require("kafkajs/src/protocol/requests/listOffsets/v2/request") as (request: object) => { encode(): Promise<{ buffer: Buffer }> };
    const topics = new Map([[HOSTILE, [0, 1, 7]], ["orders", [3]]]);
    for (const timestamp of [LATEST, EARLIEST] as const) {
      const ours = (await listOffsetsRequest(topics, timestamp).encode()) as unknown as { buffer: Buffer };
      const theirs = await kafkajsRequest({
        replicaId: -1,
        isolationLevel: 0,
        topics: [...topics].map(([topic, partitions]) => ({ topic, partitions: partitions.map((partition) => ({ partition, timestamp })) })),
      }).encode();
      expect(ours.buffer.equals(theirs.buffer)).toBe(true);
      expect(ours.buffer.equals(Buffer.concat([
        int32(-1), Buffer.from([0]),
        array([
          Buffer.concat([string(HOSTILE), array([0, 1, 7].map((partition) => Buffer.concat([int32(partition), int64(BigInt(timestamp))])))]),
          Buffer.concat([string("orders"), array([Buffer.concat([int32(3), int64(BigInt(timestamp))])])]),
        ]),
      ]))).toBe(true);
    }
  });

  it("reads every partition's offset exactly, and leaves out the partitions answered with an error", () => {
    const partition = (index: number, errorCode: number, offset: bigint) => Buffer.concat([int32(index), int16(errorCode), int64(-1n), int64(offset)]);
    const response = Buffer.concat([
      int32(25), // throttle time
      array([
        Buffer.concat([string(HOSTILE), array([partition(0, 0, 9_007_199_254_740_991n), partition(1, 6, -1n), partition(2, 0, 0n)])]),
        Buffer.concat([string("orders"), array([partition(3, 0, 4_294_967_296n + 17n)])]),
      ]),
    ]);
    const read: [string, [number, number][]][] = [];
    const { throttleTimeMs } = decodeListOffsetsResponse(response, {
      topic: (name) => read.push([name, []]),
      offset: (partition, offset) => read.at(-1)![1].push([partition, offset]),
    });
    expect(throttleTimeMs).toBe(25);
    expect(read).toEqual([
      [HOSTILE, [[0, 9_007_199_254_740_991], [2, 0]]],
      ["orders", [[3, 4_294_967_313]]],
    ]);
  });

  it("refuses a response that ends early or holds an offset beyond 2^53", () => {
    const head = Buffer.concat([int32(0), int32(1), string("t"), int32(1), int32(0), int16(0), int64(-1n)]);
    const sink = { topic: () => {}, offset: () => {} };
    expect(() => decodeListOffsetsResponse(head, sink)).toThrow(/ends early/);
    expect(() => decodeListOffsetsResponse(Buffer.concat([head, int64(2n ** 60n)]), sink)).toThrow(/beyond 2\^53/);
  });
});
