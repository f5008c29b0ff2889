import { describe, expect, it } from "vitest";
import type { Broker } from "@/lib/kafka/internal-cluster";
import {
  decodeOffsetFetchResponse, fetchGroupOffsetsBatch, offsetFetchRequest, supportsBatchedOffsetFetch, type GroupOffsetsAnswer,
} from "@/lib/kafka/offset-fetch-batch";
import { compactArray, compactString, int16, int32, int64, uvarint } from "@/tests/support/kafka-wire";

// Built by hand from OffsetFetchRequest.json / OffsetFetchResponse.json (v8), not with kafkajs's encoder.
const noTags = uvarint(0);

const partition = (index: number, offset: number, epoch: number, metadata: string | null, errorCode: number, tags = noTags) =>
  Buffer.concat([int32(index), int64(offset), int32(epoch), compactString(metadata), int16(errorCode), tags]);
const topic = (name: string, partitions: Buffer[]) => Buffer.concat([compactString(name), compactArray(partitions), noTags]);
const group = (groupId: string, topics: Buffer[], errorCode: number) => Buffer.concat([compactString(groupId), compactArray(topics), int16(errorCode), noTags]);
const response = (throttleTimeMs: number, groups: Buffer[]) => Buffer.concat([noTags, int32(throttleTimeMs), compactArray(groups), noTags]);

/** An answer's committed offsets as [topic, [partition, offset][]] entries, in order. */
const entriesOf = (answer: GroupOffsetsAnswer | undefined) =>
  answer && "committed" in answer ? [...answer.committed].map(([topic, partitions]) => [topic, [...partitions]]) : answer;

const NOT_COORDINATOR = 16;
const UNSTABLE_OFFSET_COMMIT = 88;

const twoGroups = response(5, [
  group("g-moved", [], NOT_COORDINATOR),
  group(
    "g-ok",
    [
      topic("orders", [partition(0, 42, 3, "", 0), partition(1, -1, -1, null, 0)]),
      // A tagged field (tag 0, 2 bytes) on the last partition: skipped, not misread.
      topic("payments", [partition(2, 5_000_000_000, -1, "m", 0, Buffer.from([1, 0, 2, 0xaa, 0xbb]))]),
    ],
    0,
  ),
]);

describe("OffsetFetch v8 request", () => {
  it("asks every committed partition (topics null) of each group, after header v2's tagged fields", async () => {
    const request = offsetFetchRequest(["g1", "gé"]);
    expect(request).toMatchObject({ apiKey: 9, apiVersion: 8, apiName: "OffsetFetch" });
    const encoded = (await request.encode()).buffer;
    expect(encoded).toEqual(
      Buffer.from([
        0x00, // request header v2: no tagged fields
        0x03, // two groups
        0x03, 0x67, 0x31, 0x00, 0x00, // "g1", topics null, no tagged fields
        0x04, 0x67, 0xc3, 0xa9, 0x00, 0x00, // "gé" (3 bytes of UTF-8), topics null, no tagged fields
        0x00, // RequireStable false
        0x00, // no tagged fields
      ]),
    );
  });

  it("writes a group id of 200 bytes with a two-byte length", async () => {
    const groupId = "é".repeat(100);
    const encoded = (await offsetFetchRequest([groupId]).encode()).buffer;
    expect(encoded).toEqual(Buffer.concat([Buffer.from([0x00, 0x02, 0xc9, 0x01]), Buffer.from(groupId, "utf8"), Buffer.from([0x00, 0x00, 0x00, 0x00])]));
  });
});

describe("OffsetFetch v8 response", () => {
  it("decodes each group's committed offsets, leaving out partitions never committed, or the group's error", () => {
    const { throttleTimeMs, answers } = decodeOffsetFetchResponse(twoGroups);
    expect(throttleTimeMs).toBe(5);
    expect([...answers.keys()]).toEqual(["g-moved", "g-ok"]);
    expect(answers.get("g-moved")).toEqual({ error: expect.objectContaining({ code: NOT_COORDINATOR, retriable: true }) });
    expect(entriesOf(answers.get("g-ok"))).toEqual([
      ["orders", [[0, 42]]],
      ["payments", [[2, 5_000_000_000]]],
    ]);
  });

  it("leaves out a topic none of whose partitions has a commit", () => {
    const { answers } = decodeOffsetFetchResponse(response(0, [group("g", [topic("a", [partition(0, -1, -1, null, 0)]), topic("b", [partition(3, 7, 1, "", 0)])], 0)]));
    expect(entriesOf(answers.get("g"))).toEqual([["b", [[3, 7]]]]);
  });

  it("refuses a response cut short anywhere instead of misreading it", () => {
    for (let length = 0; length < twoGroups.length; length++) {
      expect(() => decodeOffsetFetchResponse(twoGroups.subarray(0, length)), `cut at ${length} bytes`).toThrow(RangeError);
    }
  });

  it("fails a group with a partition error, as kafkajs's one-group OffsetFetch does", () => {
    const { answers } = decodeOffsetFetchResponse(
      response(0, [group("g", [topic("t", [partition(0, 1, 0, "", 0), partition(1, -1, -1, null, UNSTABLE_OFFSET_COMMIT)])], 0)]),
    );
    expect(answers.get("g")).toEqual({ error: expect.objectContaining({ code: UNSTABLE_OFFSET_COMMIT }) });
    // On a later topic too, and the first error found is the one given.
    const later = decodeOffsetFetchResponse(
      response(0, [
        group(
          "g",
          [
            topic("a", [partition(0, 1, 0, "", 0)]),
            topic("b", [partition(0, 2, 0, "", 0), partition(1, -1, -1, null, UNSTABLE_OFFSET_COMMIT)]),
            topic("c", [partition(0, -1, -1, null, NOT_COORDINATOR)]),
          ],
          0,
        ),
      ]),
    );
    expect(later.answers.get("g")).toEqual({ error: expect.objectContaining({ code: UNSTABLE_OFFSET_COMMIT }) });
    // The group's own error comes first, though the response carries it after the partitions.
    const both = decodeOffsetFetchResponse(response(0, [group("g", [topic("t", [partition(0, -1, -1, null, UNSTABLE_OFFSET_COMMIT)])], NOT_COORDINATOR)]));
    expect(both.answers.get("g")).toEqual({ error: expect.objectContaining({ code: NOT_COORDINATOR }) });
  });
});

describe("fetchGroupOffsetsBatch", () => {
  it("sends one request for all groups and marks a group the broker left out as failed", async () => {
    const sent: unknown[] = [];
    const broker = {
      versions: { 9: { minVersion: 1, maxVersion: 9 } },
      connectionPool: {
        async send({ request, response }: { request: unknown; response: { decode(data: Buffer): Promise<unknown>; parse(data: unknown): Promise<unknown> } }) {
          sent.push(request);
          return response.parse(await response.decode(twoGroups));
        },
      },
    } as unknown as Broker;
    const answers = await fetchGroupOffsetsBatch(broker, ["g-moved", "g-ok", "g-missing"]);
    expect(sent).toHaveLength(1);
    expect([...answers.keys()].sort()).toEqual(["g-missing", "g-moved", "g-ok"]);
    expect(entriesOf(answers.get("g-ok"))).toEqual([
      ["orders", [[0, 42]]],
      ["payments", [[2, 5_000_000_000]]],
    ]);
    expect(answers.get("g-missing")).toEqual({ error: expect.any(Error) });
  });

  it("is used only where the broker speaks OffsetFetch v8", () => {
    expect(supportsBatchedOffsetFetch({ versions: { 9: { minVersion: 1, maxVersion: 9 } } })).toBe(true);
    expect(supportsBatchedOffsetFetch({ versions: { 9: { minVersion: 0, maxVersion: 7 } } })).toBe(false);
    expect(supportsBatchedOffsetFetch({ versions: { 3: { minVersion: 0, maxVersion: 12 } } })).toBe(false);
    expect(supportsBatchedOffsetFetch({ versions: null })).toBe(false);
  });
});
