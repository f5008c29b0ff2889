// Integration (real broker, running app, real PostgreSQL), issue 13: producers identified by the
// record header and records checked against the topic's contract. The catalog is made through
// the catalog API and the records written by Kafka's own console producer (not kafkajs): with the
// header of a declared producer (valid and invalid), of a service that declares the header value
// without declaring the flow, of a value nobody declares, and without the header. Every number
// asserted here is one this file caused (see tests/support/observed-producers.ts).
import { randomBytes } from "node:crypto";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import type { Admin } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLUSTER, clusterPath, createKafka, getJson, pollUntil, readNextSample, readTopic, stack } from "./support/live-stack";
import {
  INVOICE_SCHEMA,
  createScenarioCatalog,
  createScenarioTopic,
  planScenario,
  produceScenarioRecords,
  readWhenAllChecked,
  waitForContractInForce,
} from "./support/observed-producers";

const scenario = planScenario(randomBytes(3).toString("hex"));
const { topic, declaredService, headerService, headerValue, unknownValue } = scenario;
const TOPIC_NODE = `topic:${topic}`;

let admin: Admin;
let deleteCatalog: (() => Promise<void>) | undefined;
let produced: { startedAt: number; finishedAt: number };

const readWhenChecked = () => readWhenAllChecked(scenario);

beforeAll(async () => {
  admin = createKafka("observed-producers-test").admin();
  await admin.connect();
  await createScenarioTopic(admin, scenario);
  deleteCatalog = await createScenarioCatalog(scenario);
  // The contract must be in force before the records are sampled, or they would not be checked.
  await waitForContractInForce(scenario);
  produced = await produceScenarioRecords(scenario);
});

afterAll(async () => {
  await deleteCatalog?.().catch(() => undefined);
  await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin?.disconnect();
});

describe("the scenario itself", () => {
  it("expects exactly the violations Ajv finds (draft-07, formats on)", () => {
    const ajv = new Ajv({ allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(INVOICE_SCHEMA);
    for (const record of scenario.records) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(record.value);
      } catch {
        expect(record.violation, `offset ${record.offset}`).toEqual({ pointer: "", message: "value is not JSON" });
        continue;
      }
      const valid = validate(parsed);
      const errors = valid ? [] : (validate.errors ?? []).map((error) => ({ pointer: error.instancePath, message: error.message }));
      expect(errors, `offset ${record.offset}`).toEqual(record.violation ? [record.violation] : []);
    }
    expect(scenario.records.filter((record) => record.violation).map((record) => record.offset)).toEqual([4, 9, 10, 13]);
  });
});

describe("observed producers and conformance through the API", () => {
  it("topic detail: every producer with its classification and share, the unattributed share, conformance counts", async () => {
    const first = await readWhenChecked();
    // A later sample must not count the same records again.
    const { body } = await readNextSample(() => readTopic(topic), first.body.freshness.sampledAt);
    const rate = body.topic.messagesPerSec;
    const estimate = (share: number) => (rate === null ? null : rate * share);

    expect(body.producers).toEqual([
      {
        value: declaredService, serviceSlug: declaredService, classification: "declared-observed", records: 7, share: 7 / 16,
        estimatedRate: estimate(7 / 16), rateSource: "producer-sample", conformance: { checked: 7, violations: 2 },
      },
      {
        value: null, serviceSlug: null, classification: "unattributed", records: 4, share: 0.25,
        estimatedRate: estimate(0.25), rateSource: "producer-sample", conformance: { checked: 4, violations: 1 },
      },
      {
        value: headerValue, serviceSlug: headerService, classification: "observed-not-declared", records: 3, share: 3 / 16,
        estimatedRate: estimate(3 / 16), rateSource: "producer-sample", conformance: { checked: 3, violations: 0 },
      },
      {
        value: unknownValue, serviceSlug: null, classification: "unknown", records: 2, share: 2 / 16,
        estimatedRate: estimate(2 / 16), rateSource: "producer-sample", conformance: { checked: 2, violations: 1 },
      },
    ]);

    const conformance = body.conformance;
    expect(conformance).toMatchObject({ topic, contractVersion: 1, checked: 16, violations: 4, percent: 75 });
    const byValue = <T extends { value: string | null }>(entries: T[]) => [...entries].sort((a, b) => (a.value ?? "").localeCompare(b.value ?? ""));
    expect(byValue(conformance.byProducer)).toEqual(
      byValue([
        { value: declaredService, checked: 7, violations: 2 },
        { value: null, checked: 4, violations: 1 },
        { value: headerValue, checked: 3, violations: 0 },
        { value: unknownValue, checked: 2, violations: 1 },
      ]),
    );
  });

  it("topic detail: the latest violations, newest first, with JSON pointer, message, producer, offset and value", async () => {
    const { body } = await readWhenChecked();
    const violations = body.conformance.latestViolations;
    expect(violations.map((violation: { offset: number }) => violation.offset)).toEqual([13, 10, 9, 4]);
    const byOffset = new Map(scenario.records.map((record) => [record.offset, record]));
    for (const violation of violations) {
      const record = byOffset.get(violation.offset)!;
      expect(violation, `offset ${violation.offset}`).toEqual({
        partition: 0,
        offset: record.offset,
        at: expect.any(Number),
        producer: record.producer,
        pointer: record.violation!.pointer,
        message: record.value.startsWith("{") ? record.violation!.message : expect.stringMatching(/^value is not JSON: /),
        value: record.value.startsWith("{")
          ? { kind: "json", text: JSON.stringify(JSON.parse(record.value), null, 2), truncated: false }
          : { kind: "text", text: record.value, truncated: false },
      });
      // The record's own timestamp (CreateTime, set by the console producer as it sent it).
      expect(violation.at).toBeGreaterThanOrEqual(produced.startedAt);
      expect(violation.at).toBeLessThanOrEqual(produced.finishedAt);
    }
    expect(violations.map((violation: { pointer: string }) => violation.pointer)).toEqual(["/issuedAt", "", "/items/0/quantity", "/amount"]);
  });

  it("flow graph: the exact observed produce edges, the unknown producer, the unattributed share and the violations", async () => {
    await readWhenChecked();
    const { body } = await getJson(clusterPath("/flow"));
    const graph = body.graph;
    const produceEdges = graph.edges
      .filter((edge: { target: string; kind: string }) => edge.target === TOPIC_NODE && edge.kind === "produces")
      .map((edge: any) => ({ id: edge.id, classification: edge.classification, rateSource: edge.rateSource, sample: edge.sample, conformance: edge.conformance }));
    expect(produceEdges).toEqual([
      {
        id: `producer:${unknownValue}->${TOPIC_NODE}`, classification: "observed-not-declared", rateSource: "producer-sample",
        sample: { records: 2, sampledRecords: 16 }, conformance: { checked: 2, violations: 1 },
      },
      {
        id: `service:${declaredService}->${TOPIC_NODE}`, classification: "declared-observed", rateSource: "producer-sample",
        sample: { records: 7, sampledRecords: 16 }, conformance: { checked: 7, violations: 2 },
      },
      {
        id: `service:${headerService}->${TOPIC_NODE}`, classification: "observed-not-declared", rateSource: "producer-sample",
        sample: { records: 3, sampledRecords: 16 }, conformance: { checked: 3, violations: 0 },
      },
    ]);
    // Rates are estimates: the producer's share of the sample times the topic's throughput.
    const topicNode = graph.nodes.find((node: { id: string }) => node.id === TOPIC_NODE);
    for (const edge of graph.edges.filter((candidate: { target: string; kind: string }) => candidate.target === TOPIC_NODE && candidate.kind === "produces")) {
      if (topicNode.messagesPerSec === null) expect(edge.rate, edge.id).toBeNull();
      else expect(edge.rate, edge.id).toBeCloseTo((topicNode.messagesPerSec * edge.sample.records) / 16, 9);
    }

    const unknownNode = graph.nodes.find((node: { id: string }) => node.id === `producer:${unknownValue}`);
    expect(unknownNode).toMatchObject({ kind: "unmapped-producer", producer: unknownValue, classification: "observed-not-declared", violations: 1 });
    expect(unknownNode.issues.map((issue: { kind: string }) => issue.kind)).toContain("undocumented");

    expect(topicNode).toMatchObject({
      kind: "topic",
      producerSample: { sampledRecords: 16, unattributedRecords: 4 },
      conformance: { checked: 16, violations: 4 },
    });
    const serviceNode = (slug: string) => graph.nodes.find((node: { id: string }) => node.id === `service:${slug}`);
    expect(serviceNode(declaredService).violations).toBe(2);
    expect(serviceNode(headerService).violations).toBeUndefined();
  });

  it("service detail: each service's observed produce edge, declared or not", async () => {
    await readWhenChecked();
    // Once nothing more is written the topic's rate is 0, and so is every estimate made from it.
    await pollUntil("the topic idle (0 msg/s)", async () => ((await readTopic(topic))?.body.topic.messagesPerSec === 0 ? true : undefined), {
      timeoutMs: 30_000,
      everyMs: 500,
    });
    const produceEdgesOf = async (slug: string) => {
      const response = await getJson(`/api/catalog/services/${slug}`);
      expect(response.status, slug).toBe(200);
      return response.body.service.produceEdges;
    };
    expect(await produceEdgesOf(declaredService)).toEqual([
      {
        cluster: CLUSTER, topic, classification: "declared-observed", values: [declaredService], records: 7, sampledRecords: 16, share: 7 / 16,
        estimatedRate: 0, rateSource: "producer-sample", conformance: { checked: 7, violations: 2 },
      },
    ]);
    expect(await produceEdgesOf(headerService)).toEqual([
      {
        cluster: CLUSTER, topic, classification: "observed-not-declared", values: [headerValue], records: 3, sampledRecords: 16, share: 3 / 16,
        estimatedRate: 0, rateSource: "producer-sample", conformance: { checked: 3, violations: 0 },
      },
    ]);
  });

  it("/api/metrics: the topic's checked and violation counters", async () => {
    await readWhenChecked();
    const response = await fetch(`${stack.appUrl}/api/metrics`, { signal: AbortSignal.timeout(20_000) });
    expect(response.status).toBe(200);
    const text = await response.text();
    const sampleLine = (name: string) =>
      text.split("\n").filter((line) => line.startsWith(`${name}{`) && line.includes(`topic="${topic}"`));
    expect(sampleLine("tributary_conformance_checked_total")).toEqual([`tributary_conformance_checked_total{cluster="${CLUSTER}",topic="${topic}"} 16`]);
    expect(sampleLine("tributary_conformance_violations_total")).toEqual([`tributary_conformance_violations_total{cluster="${CLUSTER}",topic="${topic}"} 4`]);
  });

  it("conformance history: the interval points add up to the records checked", async () => {
    await readWhenChecked();
    const path = clusterPath(`/topics/${encodeURIComponent(topic)}/conformance/history?range=15m`);
    let last: unknown;
    const history = await pollUntil(
      "the conformance history to hold all 16 checks",
      async () => {
        const response = await getJson(path);
        last = response;
        if (response.status !== 200) return undefined;
        const checked = response.body.points.reduce((sum: number, point: { checked: number }) => sum + point.checked, 0);
        return checked === 16 ? response.body : undefined;
      },
      { timeoutMs: 60_000, everyMs: 1_000, describeLast: () => last },
    );
    expect(history.range).toBe("15m");
    expect(history.points.reduce((sum: number, point: { violations: number }) => sum + point.violations, 0)).toBe(4);
  });
});

describe("the demo traffic (scripts/simulator, running in the test stack as in `npm run demo`)", () => {
  it("legacy-checkout writes orders.created without the header: an unattributed share beside orders", async () => {
    let last: unknown;
    const { body } = await pollUntil(
      "unattributed records on orders.created",
      async () => {
        const response = await readTopic("orders.created");
        last = response?.body.producers;
        return response?.body.producers?.some((row: { classification: string; records: number }) => row.classification === "unattributed" && row.records > 0)
          ? response
          : undefined;
      },
      { timeoutMs: 60_000, everyMs: 1_000, describeLast: () => last },
    );
    // Only the two writers of the demo: orders (declared, with the header) and the header-less one.
    expect(body.producers.map((row: { value: string | null; serviceSlug: string | null; classification: string }) => [row.value, row.serviceSlug, row.classification]).sort()).toEqual(
      [
        ["orders", "orders", "declared-observed"],
        [null, null, "unattributed"],
      ].sort(),
    );
    // legacy-checkout's orders are valid ones: nothing on orders.created breaks its contract.
    expect(body.conformance).toMatchObject({ violations: 0 });
    expect(body.conformance.checked).toBeGreaterThan(0);
  });

  it("payments breaks payments.authorized's contract now and then, always at /amount", async () => {
    let last: unknown;
    const { body } = await pollUntil(
      "a violation on payments.authorized",
      async () => {
        const response = await readTopic("payments.authorized");
        last = response?.body.conformance;
        return response?.body.conformance?.violations > 0 ? response : undefined;
      },
      { timeoutMs: 60_000, everyMs: 1_000, describeLast: () => last },
    );
    const conformance = body.conformance;
    expect(conformance.byProducer.map((entry: { value: string | null }) => entry.value)).toEqual(["payments"]);
    expect(conformance.latestViolations.length).toBeGreaterThan(0);
    for (const violation of conformance.latestViolations) {
      expect(violation).toMatchObject({ producer: "payments", pointer: "/amount", message: "must be number", value: { kind: "json" } });
      expect(JSON.parse(violation.value.text).amount).toMatch(/^\d+\.\d{2}$/);
    }
  });
});
