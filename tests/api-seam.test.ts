// Integration (real app, broker and PostgreSQL): the HTTP seam's exact answers. Names Kafka accepts
// work (group ids committed by Kafka's own tool), bad input is a 4xx with the JSON error body, unknown
// paths are JSON 404s, oversized bodies 413, cross-site writes 403 writing nothing, over-long URLs
// are answered (414/431) instead of dropping the connection.
import net from "node:net";
import { randomBytes } from "node:crypto";
import type { Admin, Producer } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runKafkaTool } from "@/scripts/lib/kafka-dist";
import { clusterPath, createKafka, createTopic, getJson, pollUntil, readGroup, readSampleStartedAfter, stack } from "./support/live-stack";

const run = randomBytes(3).toString("hex");
const TOPIC = `seam.${run}`;
const K = 7;
const N = 2;
const GROUPS = [`50%off-${run}`, `x/y#z?q= ${run}`, `naïve-日本-${run}`];

let admin: Admin;
let producer: Producer;

const api = (path: string, init: RequestInit = {}) => fetch(`${stack.appUrl}${path}`, { redirect: "manual", signal: AbortSignal.timeout(20_000), ...init });
const errorOf = async (response: Response) => {
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return ((await response.json()) as { error: { code: string; message: string; details?: Record<string, unknown> } }).error;
};
const teamStatus = async (slug: string) => (await getJson(`/api/catalog/teams/${encodeURIComponent(slug)}`)).status;

beforeAll(async () => {
  const kafka = createKafka("api-seam-test");
  admin = kafka.admin();
  producer = kafka.producer({ allowAutoTopicCreation: false });
  await Promise.all([admin.connect(), producer.connect()]);
  await createTopic(admin, TOPIC, 1);
  await producer.send({ topic: TOPIC, acks: -1, messages: Array.from({ length: K }, (_, index) => ({ value: `v${index}` })) });
  const result = await runKafkaTool("kafka-consumer-groups", [
    "--bootstrap-server", stack.brokers, "--reset-offsets", "--to-offset", String(N), "--execute", "--topic", TOPIC,
    ...GROUPS.flatMap((group) => ["--group", group]),
  ]);
  if (result.code !== 0) throw new Error(`kafka-consumer-groups failed (${result.code}): ${result.stderr}${result.stdout}`);
});

afterAll(async () => {
  await admin?.deleteGroups(GROUPS).catch(() => undefined);
  await admin?.deleteTopics({ topics: [TOPIC] }).catch(() => undefined);
  await Promise.allSettled([producer?.disconnect(), admin?.disconnect()]);
});

describe("names Kafka accepts", () => {
  it.each(GROUPS)("group %s: detail and history 200 with lag exactly K − N", async (groupId) => {
    const detail = await pollUntil(`group ${groupId}`, () => readGroup(groupId), { timeoutMs: 60_000, everyMs: 500 });
    expect(detail.body.group.groupId).toBe(groupId);
    expect(detail.body.group.lag).toBe(K - N);
    expect(detail.body.freshness.cluster).toBe("local");
    const path = clusterPath(`/groups/${encodeURIComponent(groupId)}/history?range=15m`);
    const history = await pollUntil(
      `history of ${groupId}`,
      async () => {
        const response = await getJson(path);
        expect(response.status).toBe(200);
        return response.body.points.length > 0 ? response.body : undefined;
      },
      { timeoutMs: 60_000, everyMs: 1_000 },
    );
    expect(history.range).toBe("15m");
    expect(history.points.at(-1).lag).toBe(K - N);
  });
});

describe("bad input is a 4xx with a JSON body", () => {
  it("answers malformed percent-escapes in the path and in the query with 400", async () => {
    for (const segment of ["%E0%A4%A", "%", "a%zz"]) {
      const response = await api(clusterPath(`/groups/${segment}`));
      expect(response.status, segment).toBe(400);
      expect(await errorOf(response)).toEqual({ code: "bad_request", message: `Malformed percent-escape in the path segment "${segment}"` });
    }
    // Next.js would decode these into literal text (`%zz` → "%zz"): they are caught on the raw URL.
    for (const query of ["range=%E0%A4%A", "topic=1%%", "topic=x%zz", "range=%"]) {
      const response = await api(clusterPath(`/groups/${encodeURIComponent(GROUPS[0]!)}/history?${query}`));
      expect(response.status, query).toBe(400);
      expect(await errorOf(response), query).toEqual({ code: "bad_request", message: `Malformed percent-escape in the query parameter "${query.split("=")[0]}"` });
    }
    const control = await api(clusterPath("/groups/%00/history"));
    expect(control.status).toBe(400);
    expect((await errorOf(control)).details).toEqual({ fieldErrors: { group: ["control characters are not allowed"] } });
  });

  it("refuses ill-typed and repeated query parameters with 400, never coercing them", async () => {
    const ill = await api(clusterPath("/groups?page=[3]"));
    expect(ill.status).toBe(400);
    expect(await errorOf(ill)).toEqual({ code: "bad_request", message: "page: must be a whole number, 1 or more", details: { fieldErrors: { page: ["must be a whole number, 1 or more"] } } });
    const twice = await api(clusterPath("/topics?page=3&page=4"));
    expect(twice.status).toBe(400);
    expect((await errorOf(twice)).message).toBe('Query parameter "page" is given more than once');
    for (const path of [clusterPath("/history?range=1h&rnage=6h"), "/api/clusters?fz=1", clusterPath("/overview?x")]) {
      const unknownParam = await api(path);
      expect(unknownParam.status, path).toBe(400);
      expect((await errorOf(unknownParam)).code, path).toBe("bad_request");
    }
  });

  it("answers unknown clusters, topics and groups with 404, history included", async () => {
    const cases = [
      "/api/clusters/nope/overview",
      "/api/clusters/NOPE/topics",
      clusterPath(`/topics/missing.${run}`),
      clusterPath(`/topics/missing.${run}/history`),
      clusterPath(`/groups/${encodeURIComponent(`50%off-missing-${run}`)}`),
      clusterPath(`/groups/${encodeURIComponent(`50%off-missing-${run}`)}/history`),
      "/api/clusters/nope/flow",
    ];
    for (const path of cases) {
      const response = await api(path);
      expect(response.status, path).toBe(404);
      expect((await errorOf(response)).code, path).toBe("not_found");
    }
  });

  it("answers unknown /api paths with a JSON 404 for every method, and wrong methods with a JSON 405", async () => {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      const response = await api(`/api/no/such/${run}`, { method });
      expect(response.status, method).toBe(404);
      expect(await errorOf(response)).toEqual({ code: "not_found", message: `API path "/api/no/such/${run}" not found` });
    }
    expect((await api("/api")).status).toBe(404);
    const wrong = await api("/api/clusters", { method: "DELETE" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET");
    expect((await errorOf(wrong)).code).toBe("method_not_allowed");
  });

  it("refuses wrong JSON types (422), non-JSON bodies (415) and oversized bodies (413), writing nothing", async () => {
    const slug = `seam-${run}`;
    const typed = await api("/api/catalog/teams", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ slug, name: [3] }) });
    expect(typed.status).toBe(422);
    expect(Object.keys((await errorOf(typed)).details!.fieldErrors as object)).toEqual(["name"]);
    const plain = await api("/api/catalog/teams", { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ slug, name: "x" }) });
    expect(plain.status).toBe(415);
    const big = JSON.stringify({ slug, name: "x", description: "d".repeat(2 * 1024 * 1024) });
    const declared = await api("/api/catalog/teams", { method: "POST", headers: { "content-type": "application/json" }, body: big });
    expect(declared.status).toBe(413);
    expect(await errorOf(declared)).toEqual({ code: "payload_too_large", message: "The request body is larger than 1 MiB", details: { maxBytes: 1048576 } });
    const bytes = new TextEncoder().encode(big);
    const streamed = await api("/api/catalog/teams", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new ReadableStream({ start: (controller) => (controller.enqueue(bytes), controller.close()) }),
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await teamStatus(slug)).toBe(404);
  });
});

describe("cross-site writes", () => {
  it("are refused with 403 and write nothing: foreign Origin, Sec-Fetch-Site, text/plain and form posts", async () => {
    const attempts: RequestInit[] = [];
    const slugs: string[] = [];
    const body = (slug: string) => JSON.stringify({ slug, name: `Team ${slug}` });
    const forged: Record<string, string>[] = [
      { "content-type": "application/json", origin: "https://evil.example" },
      { "content-type": "application/json", "sec-fetch-site": "cross-site" },
      { "content-type": "text/plain", origin: "https://evil.example" },
    ];
    for (const headers of forged) {
      const slug = `xsite-${randomBytes(3).toString("hex")}`;
      slugs.push(slug);
      attempts.push({ method: "POST", headers, body: body(slug) });
    }
    const formSlug = `xform-${randomBytes(3).toString("hex")}`;
    slugs.push(formSlug);
    attempts.push({ method: "POST", headers: { origin: "https://evil.example" }, body: new URLSearchParams({ slug: formSlug, name: "Form" }) });
    for (const [index, init] of attempts.entries()) {
      const response = await api("/api/catalog/teams", init);
      expect(response.status, `attempt ${index}`).toBe(403);
      expect((await errorOf(response)).code).toBe("forbidden");
    }
    const importResponse = await api("/api/catalog/import", {
      method: "POST",
      headers: { "content-type": "text/plain", origin: "https://evil.example" },
      body: `version: 1\nteams:\n  - slug: ${slugs[0]}\n    name: Imported\n`,
    });
    expect(importResponse.status).toBe(403);
    const deletion = await api("/api/catalog/teams/payments-team", { method: "DELETE", headers: { "sec-fetch-site": "same-site" } });
    expect(deletion.status).toBe(403);
    for (const slug of slugs) expect(await teamStatus(slug), slug).toBe(404);

    // The same request from the app's own origin goes through.
    const own = await api("/api/catalog/teams", {
      method: "POST",
      headers: { "content-type": "application/json", origin: new URL(stack.appUrl).origin, "sec-fetch-site": "same-origin" },
      body: body(slugs[0]!),
    });
    expect(own.status).toBe(201);
    expect(await teamStatus(slugs[0]!)).toBe(200);
  });
});

describe("over-long requests are answered", () => {
  it("answers a 10 KB URL with a JSON 414", async () => {
    const response = await api(clusterPath(`/topics?search=${"a".repeat(10 * 1024)}`));
    expect(response.status).toBe(414);
    expect((await errorOf(response)).code).toBe("uri_too_long");
  });

  it("answers a 20 KB URL and a 20 KB header with a JSON 431 instead of dropping the connection", async () => {
    const answer = (head: string) =>
      new Promise<string>((resolve, reject) => {
        const { hostname, port } = new URL(stack.appUrl);
        const socket = net.connect({ host: hostname, port: Number(port) }, () => socket.write(head));
        let received = "";
        socket.setTimeout(10_000, () => reject(new Error(`no answer; received so far: ${received}`)));
        socket.on("data", (chunk) => (received += chunk.toString("latin1")));
        socket.on("end", () => resolve(received));
        socket.on("error", (error) => (received ? resolve(received) : reject(error)));
      });
    const body = { error: { code: "header_too_large", message: "The request line and headers are larger than 16384 bytes" } };
    const longUrl = await answer(`GET /api/clusters?q=${"a".repeat(20 * 1024)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expect(longUrl.split("\r\n")[0]).toBe("HTTP/1.1 431 Request Header Fields Too Large");
    expect(JSON.parse(longUrl.split("\r\n\r\n")[1]!)).toEqual(body);
    const longHeader = await answer(`GET /api/clusters HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${"b".repeat(20 * 1024)}\r\n\r\n`);
    expect(longHeader.split("\r\n")[0]).toBe("HTTP/1.1 431 Request Header Fields Too Large");
    expect(JSON.parse(longHeader.split("\r\n\r\n")[1]!)).toEqual(body);
  });
});

describe("the lists every dashboard polls", () => {
  // Their answers are made once per snapshot, query and second and then shared (lib/api/shared-json.ts).
  const group = `shared-${run}`;
  const commit = async (offset: number) => {
    const result = await runKafkaTool("kafka-consumer-groups", [
      "--bootstrap-server", stack.brokers, "--reset-offsets", "--to-offset", String(offset), "--execute", "--topic", TOPIC, "--group", group,
    ]);
    if (result.code !== 0) throw new Error(`kafka-consumer-groups failed (${result.code}): ${result.stderr}${result.stdout}`);
  };
  const listed = async () => {
    const response = await getJson(clusterPath(`/groups?search=${encodeURIComponent(group)}`));
    return response.status === 200 && response.body.rows.length === 1 ? response : undefined;
  };

  it("answer from the latest sample, and the same bytes to every client within a second", async () => {
    await commit(N);
    const before = await readSampleStartedAfter(listed, Date.now(), 4 * stack.intervalMs + 10_000);
    expect(before.body.rows).toEqual([expect.objectContaining({ groupId: group, lag: K - N })]);

    // A new commit: the next sample's answer says so, not the one made for the sample before.
    await commit(K - 1);
    const after = await readSampleStartedAfter(listed, Date.now(), 4 * stack.intervalMs + 10_000);
    expect(after.body.rows).toEqual([expect.objectContaining({ groupId: group, lag: 1 })]);

    // Two requests with the same freshness (same sample, same second) get byte-identical answers.
    const path = `${stack.appUrl}${clusterPath(`/groups?search=${encodeURIComponent(group)}`)}`;
    const pair = await pollUntil("two answers within the same second", async () => {
      const [first, second] = [await (await fetch(path)).text(), await (await fetch(path)).text()];
      return JSON.stringify(JSON.parse(first).freshness) === JSON.stringify(JSON.parse(second).freshness) ? { first, second } : undefined;
    }, { timeoutMs: 10_000 });
    expect(pair.second).toBe(pair.first);
    expect(Number.isInteger(JSON.parse(pair.first).freshness.ageSeconds)).toBe(true);
  });
});
