// Integration (real broker + app): a record far bigger than one fetch (2 MiB, behind and before
// small ones) is never skipped by the message browser, in any read mode; its row carries its size
// and a preview, and the download route serves exactly its bytes as an attachment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin, Producer } from "kafkajs";
import { createTopicsWithLeaders } from "@/scripts/lib/create-topics";
import { clusterPath, createKafka, getJson, stack, uniqueName } from "./support/live-stack";

const topic = uniqueName("it.browser-big");
const base = Math.floor(Date.now() / 1000) * 1000 - 600_000;
const MIB = 1024 * 1024;
const PREVIEW_BYTES = 64 * 1024;

/** 2 MiB of numbered lines: every byte position is known, so a preview or a download can be compared exactly. */
const bigValue = Buffer.from(
  Array.from({ length: Math.ceil((2 * MIB) / 32) }, (_, line) => `line ${String(line).padStart(8, "0")} of the big record\n`).join(""),
).subarray(0, 2 * MIB);

type Sent = { offset: number; at: number; key: string; value: Buffer };
const sent: Sent[] = [
  { offset: 0, at: 0, key: "small-0", value: Buffer.from("before the big one") },
  { offset: 1, at: 1000, key: "small-1", value: Buffer.from('{"n":1}') },
  { offset: 2, at: 2000, key: "big", value: bigValue },
  { offset: 3, at: 3000, key: "small-3", value: Buffer.from("after the big one") },
  { offset: 4, at: 4000, key: "small-4", value: Buffer.from('{"n":4}') },
];

const expectedValue: Record<number, unknown> = {
  0: { kind: "text", text: "before the big one", truncated: false },
  1: { kind: "json", text: '{\n  "n": 1\n}', truncated: false },
  2: { kind: "text", text: bigValue.subarray(0, PREVIEW_BYTES).toString("utf8"), truncated: true },
  3: { kind: "text", text: "after the big one", truncated: false },
  4: { kind: "json", text: '{\n  "n": 4\n}', truncated: false },
};

const row = (offset: number) => {
  const source = sent[offset]!;
  return {
    partition: 0,
    offset,
    timestamp: base + source.at,
    key: source.key,
    headers: {},
    value: expectedValue[offset],
    sizeBytes: source.key.length + source.value.length,
    valueSizeBytes: source.value.length,
  };
};

let admin: Admin;
let producer: Producer;

beforeAll(async () => {
  const kafka = createKafka("it-message-browser-big");
  admin = kafka.admin();
  producer = kafka.producer({ allowAutoTopicCreation: false });
  await Promise.all([admin.connect(), producer.connect()]);
  const created = await createTopicsWithLeaders(admin, [
    { topic, numPartitions: 1, replicationFactor: 1, configEntries: [{ name: "max.message.bytes", value: String(3 * MIB) }] },
  ]);
  expect(created).toBe(true);
  // One send per record: five record batches, the third 2 MiB, twice what one fetch asks for.
  for (const entry of sent) {
    const [result] = await producer.send({ topic, acks: -1, messages: [{ partition: 0, key: entry.key, value: entry.value, timestamp: String(base + entry.at) }] });
    expect(Number(result!.baseOffset)).toBe(entry.offset);
  }
});

afterAll(async () => {
  await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await Promise.allSettled([producer?.disconnect(), admin?.disconnect()]);
});

const messagesPath = (query: string) => clusterPath(`/topics/${encodeURIComponent(topic)}/messages?${query}`);
const valuePath = (partition: string | number, offset: string | number, topicName = topic) =>
  clusterPath(`/topics/${encodeURIComponent(topicName)}/messages/${partition}/${offset}/value`);

async function browse(query: string) {
  const response = await getJson(messagesPath(query));
  expect(response.status, JSON.stringify(response.body).slice(0, 500)).toBe(200);
  return response.body.messages as unknown[];
}

describe("message browser with a record bigger than one fetch", () => {
  it("returns every record of the latest 20, the big one as a row with its exact size and a preview", async () => {
    expect(await browse("limit=20")).toEqual([row(4), row(3), row(2), row(1), row(0)]);
    // Asked for the newest three: the big one is the last of them, not dropped.
    expect(await browse("limit=3")).toEqual([row(4), row(3), row(2)]);
  });

  it("returns it reading forward from an offset before it", async () => {
    expect(await browse("partition=0&from=offset&offset=0&limit=20")).toEqual([row(0), row(1), row(2), row(3), row(4)]);
    expect(await browse("partition=0&from=offset&offset=1&limit=2")).toEqual([row(1), row(2)]);
    expect(await browse("partition=0&from=offset&offset=2&limit=1")).toEqual([row(2)]);
  });

  it("returns it reading forward from a time before it", async () => {
    expect(await browse(`from=timestamp&timestamp=${base + 500}&limit=20`)).toEqual([row(1), row(2), row(3), row(4)]);
  });

  it("keeps the JSON small: the 2 MiB value is not in it", async () => {
    const response = await fetch(`${stack.appUrl}${messagesPath("limit=20")}`);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text.length).toBeLessThan(PREVIEW_BYTES + 4096);
  });

  it("downloads exactly the 2 MiB value as an attachment", async () => {
    const response = await fetch(`${stack.appUrl}${valuePath(0, 2)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${topic}-0-2.bin"`);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.length).toBe(2 * MIB);
    expect(body.equals(bigValue)).toBe(true);

    const small = await fetch(`${stack.appUrl}${valuePath(0, 3)}`);
    expect(small.status).toBe(200);
    expect(Buffer.from(await small.arrayBuffer()).toString()).toBe("after the big one");
  });

  it("answers 400 for a partition or offset that is not a whole number", async () => {
    for (const [partition, offset] of [["x", "2"], ["0", "abc"], ["0", "1.5"], ["-1", "2"], ["0", "-2"], ["0", "1e3"]]) {
      const response = await getJson(valuePath(partition!, offset!));
      expect(response.status, `${partition}/${offset}`).toBe(400);
      expect(response.body.error.code).toBe("bad_request");
    }
  });

  it("answers 404 for an offset beyond the end, an unknown partition or topic, and an offset gone to retention", async () => {
    const beyond = await getJson(valuePath(0, 5));
    expect(beyond.status).toBe(404);
    expect(beyond.body.error).toEqual({ code: "not_found", message: "no record at offset 5 of partition 0 (offsets 0 to 4 exist)" });
    expect((await getJson(valuePath(3, 0))).status).toBe(404);
    expect((await getJson(valuePath(0, 0, `${topic}.missing`))).status).toBe(404);

    // Records before offset 1 deleted, as retention would: offset 0 is gone, offset 1 still there.
    // (kafkajs finds the partition's leader in its metadata cache: load this topic into it first.)
    await admin.fetchTopicMetadata({ topics: [topic] });
    await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: "1" }] });
    const gone = await getJson(valuePath(0, 0));
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toBe("no record at offset 0 of partition 0 (offsets 1 to 4 exist)");
    const kept = await fetch(`${stack.appUrl}${valuePath(0, 1)}`);
    expect(kept.status).toBe(200);
    expect(await kept.text()).toBe('{"n":1}');
  });
});
