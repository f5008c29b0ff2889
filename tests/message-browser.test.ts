// Integration (real broker + app): the message browser returns exactly the messages this test
// produced, rendered safely, for each way of choosing where to read, and never joins a group.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin, Producer } from "kafkajs";
import { clusterPath, createKafka, createTopic, getJson, uniqueName } from "./support/live-stack";

const topic = uniqueName("it.browser");
// CreateTime timestamps set by the test, ten minutes back, so every ordering below is known.
const base = Math.floor(Date.now() / 1000) * 1000 - 600_000;
const HTML = "<img src=x onerror=alert(1)>";
const order = { orderId: "o-1", total: 12.5, items: [{ sku: "A-1", qty: 2 }] };
const binary = Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x7f]);
const big = "x".repeat(70_000);

type Sent = { partition: number; offset: number; at: number; key: string | null; value: Buffer | null; headers?: Record<string, Buffer> };
const sent: Sent[] = [
  { partition: 0, offset: 0, at: 0, key: "order-1", value: Buffer.from(JSON.stringify(order)), headers: { "x-producer": Buffer.from("it-browser"), "trace-id": Buffer.from("abc-123") } },
  { partition: 0, offset: 1, at: 1000, key: "note", value: Buffer.from("plain text, not JSON") },
  { partition: 0, offset: 2, at: 2000, key: "bin", value: binary, headers: { raw: Buffer.from([0x00, 0xff]) } },
  { partition: 0, offset: 3, at: 3000, key: "xss", value: Buffer.from(HTML) },
  { partition: 0, offset: 4, at: 4000, key: null, value: null },
  { partition: 0, offset: 5, at: 5000, key: "big", value: Buffer.from(big) },
  { partition: 1, offset: 0, at: 500, key: "p1-a", value: Buffer.from('{"n":1}') },
  { partition: 1, offset: 1, at: 1500, key: "p1-b", value: Buffer.from('{"n":2}') },
  { partition: 1, offset: 2, at: 2500, key: "p1-c", value: Buffer.from('{"n":3}') },
];

/** What the API must answer for each produced message, written out by hand. */
const expected: Record<string, unknown> = {
  "0:0": {
    key: "order-1",
    headers: { "x-producer": "it-browser", "trace-id": "abc-123" },
    value: { kind: "json", text: '{\n  "orderId": "o-1",\n  "total": 12.5,\n  "items": [\n    {\n      "sku": "A-1",\n      "qty": 2\n    }\n  ]\n}', truncated: false },
  },
  "0:1": { key: "note", headers: {}, value: { kind: "text", text: "plain text, not JSON", truncated: false } },
  "0:2": { key: "bin", headers: { raw: "base64:AP8=" }, value: { kind: "binary", base64: "AAEC//5/", truncated: false } },
  "0:3": { key: "xss", headers: {}, value: { kind: "text", text: HTML, truncated: false } },
  "0:4": { key: null, headers: {}, value: { kind: "null" } },
  "0:5": { key: "big", headers: {}, value: { kind: "text", text: "x".repeat(64 * 1024), truncated: true } },
  "1:0": { key: "p1-a", headers: {}, value: { kind: "json", text: '{\n  "n": 1\n}', truncated: false } },
  "1:1": { key: "p1-b", headers: {}, value: { kind: "json", text: '{\n  "n": 2\n}', truncated: false } },
  "1:2": { key: "p1-c", headers: {}, value: { kind: "json", text: '{\n  "n": 3\n}', truncated: false } },
};

const message = (partition: number, offset: number) => {
  const source = sent.find((entry) => entry.partition === partition && entry.offset === offset)!;
  return {
    partition,
    offset,
    timestamp: base + source.at,
    sizeBytes: (source.key?.length ?? 0) + (source.value?.length ?? 0),
    valueSizeBytes: source.value?.length ?? null,
    ...(expected[`${partition}:${offset}`] as object),
  };
};

let admin: Admin;
let producer: Producer;
let groupsBefore: string[];

beforeAll(async () => {
  const kafka = createKafka("it-message-browser");
  admin = kafka.admin();
  producer = kafka.producer({ allowAutoTopicCreation: false });
  await Promise.all([admin.connect(), producer.connect()]);
  await createTopic(admin, topic, 2);
  for (const partition of [0, 1]) {
    await producer.send({
      topic,
      acks: -1,
      messages: sent
        .filter((entry) => entry.partition === partition)
        .map((entry) => ({ partition, key: entry.key, value: entry.value, headers: entry.headers, timestamp: String(base + entry.at) })),
    });
  }
  groupsBefore = await listGroupIds();
});

afterAll(async () => {
  await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await Promise.allSettled([producer?.disconnect(), admin?.disconnect()]);
});

async function listGroupIds() {
  return (await admin.listGroups()).groups.map((group) => group.groupId).sort();
}

async function browse(query: string) {
  const response = await fetch(`${process.env.TEST_APP_URL}${clusterPath(`/topics/${encodeURIComponent(topic)}/messages?${query}`)}`);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(200);
  expect(body.partitions).toEqual([0, 1]);
  return body.messages as unknown[];
}

describe("message browser", () => {
  it("returns the latest messages of all partitions, newest first, rendered safely", async () => {
    expect(await browse("limit=50")).toEqual([
      message(0, 5), message(0, 4), message(0, 3), message(1, 2), message(0, 2), message(1, 1), message(0, 1), message(1, 0), message(0, 0),
    ]);
    expect(await browse("limit=3")).toEqual([message(0, 5), message(0, 4), message(0, 3)]);
  });

  it("returns the latest N of one partition", async () => {
    expect(await browse("partition=0&limit=2")).toEqual([message(0, 5), message(0, 4)]);
    expect(await browse("partition=1")).toEqual([message(1, 2), message(1, 1), message(1, 0)]);
  });

  it("reads forward from an offset", async () => {
    expect(await browse("partition=0&from=offset&offset=1&limit=3")).toEqual([message(0, 1), message(0, 2), message(0, 3)]);
    expect(await browse("partition=1&from=offset&offset=2")).toEqual([message(1, 2)]);
    expect(await browse("partition=1&from=offset&offset=3")).toEqual([]);
  });

  it("reads forward from a timestamp across partitions", async () => {
    expect(await browse(`from=timestamp&timestamp=${base + 1200}&limit=50`)).toEqual([
      message(1, 1), message(0, 2), message(1, 2), message(0, 3), message(0, 4), message(0, 5),
    ]);
    expect(await browse(`partition=0&from=timestamp&timestamp=${base + 2000}&limit=2`)).toEqual([message(0, 2), message(0, 3)]);
    expect(await browse(`from=timestamp&timestamp=${base + 60_000}`)).toEqual([]);
  });

  it("answers 400 for an incomplete query and 404 for an unknown topic", async () => {
    // A query parameter that is missing or ill-typed makes the URL malformed: 400 (issue 10's agreed codes).
    const invalid = await getJson(clusterPath(`/topics/${encodeURIComponent(topic)}/messages?from=offset`));
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe("bad_request");
    expect(invalid.body.error.details.fieldErrors.offset).toEqual(["give an offset to read from"]);
    const missing = await getJson(clusterPath(`/topics/${encodeURIComponent(`${topic}.missing`)}/messages`));
    expect(missing.status).toBe(404);
  });

  it("never joins or creates a consumer group", async () => {
    expect(await listGroupIds()).toEqual(groupsBefore);
  });
});
