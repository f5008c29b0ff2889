// Integration (real PostgreSQL): the AsyncAPI 3.0 export of every demo service validates against
// the official AsyncAPI 3.0.0 JSON Schema (@asyncapi/specs) and says what the catalog says.
import Ajv from "ajv";
import addFormats from "ajv-formats";
import specs from "@asyncapi/specs";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClusterState, TopicSnapshot } from "@/lib/collector/types";
import { importCatalogFile } from "@/lib/catalog/import";
import { loadAsyncApiInput } from "@/lib/catalog/asyncapi-source";
import { buildAsyncApiDocument } from "@/lib/catalog/asyncapi";
import { openCatalogTestDatabase, type CatalogTestDatabase } from "./support/catalog-database";

const DEMO_SERVICES = ["analytics", "fraud-detection", "inventory", "notifications", "orders", "payments", "shipping"];

function compileAsyncApiValidator() {
  // The official bundle carries its own copy of the draft-07 meta-schema (same $id as Ajv's
  // built-in one), so Ajv's meta-schema is left out; strict mode would reject its extra keywords.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, meta: false, validateSchema: false });
  addFormats(ajv);
  return ajv.compile(specs.schemas["3.0.0"] as object);
}

let database: CatalogTestDatabase;
beforeAll(async () => {
  database = await openCatalogTestDatabase();
  const result = await importCatalogFile(database.db, "prisma/demo-catalog.yaml", { actor: "test" });
  expect(result.ok).toBe(true);
});
afterAll(async () => {
  await database?.close();
});

describe("AsyncAPI 3.0 export", () => {
  const validate = compileAsyncApiValidator();
  const servers = [{ name: "local", brokers: ["127.0.0.1:9092"] }];

  it.each(DEMO_SERVICES)("the document of %s validates against the AsyncAPI 3.0.0 schema (also after a YAML round trip)", async (slug) => {
    const input = await loadAsyncApiInput(database.db, slug);
    expect(input).not.toBeNull();
    const document = buildAsyncApiDocument({ ...input!, servers });
    const valid = validate(document);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(validate(parseYaml(stringifyYaml(document)))).toBe(true);
  });

  it("the validator is not vacuous: AsyncAPI 2-style operations and bad bindings are rejected", async () => {
    const document = buildAsyncApiDocument({ ...(await loadAsyncApiInput(database.db, "shipping"))!, servers }) as Record<string, any>;
    const broken = structuredClone(document);
    broken.operations.sendShipmentsDispatched.action = "publish";
    expect(validate(broken)).toBe(false);
    const badBinding = structuredClone(document);
    badBinding.channels["shipments.dispatched"].bindings.kafka.partitions = 0;
    expect(validate(badBinding)).toBe(false);
  });

  it("describes shipping: its topics as channels, send and receive operations, its group in the receive binding", async () => {
    const input = await loadAsyncApiInput(database.db, "shipping");
    const document = buildAsyncApiDocument({ ...input!, servers }) as {
      info: { title: string; contact: unknown };
      channels: Record<string, { address: string; bindings: { kafka: Record<string, unknown> }; messages: Record<string, { payload: { schema: { title: string } } }> }>;
      operations: Record<string, { action: string; channel: { $ref: string }; bindings?: { kafka: { groupId: unknown } }; "x-producer-header-values"?: string[] }>;
    };
    expect(document.info.title).toBe("Shipping");
    expect(document.info.contact).toEqual({ name: "Fulfilment", email: "fulfilment@shop.example" });
    expect(Object.keys(document.channels)).toEqual(["inventory.reserved", "payments.authorized", "shipments.dispatched"]);
    expect(document.channels["shipments.dispatched"]?.address).toBe("shipments.dispatched");
    expect(document.channels["shipments.dispatched"]?.bindings.kafka).toEqual({
      topic: "shipments.dispatched", partitions: 2, topicConfiguration: { "retention.ms": 604_800_000 }, bindingVersion: "0.5.0",
    });
    expect(document.channels["payments.authorized"]?.messages.PaymentsAuthorized?.payload.schema.title).toBe("PaymentAuthorized");
    expect(Object.entries(document.operations).map(([id, operation]) => `${id} ${operation.action} ${operation.channel.$ref}`)).toEqual([
      "receiveInventoryReserved receive #/channels/inventory.reserved",
      "receivePaymentsAuthorized receive #/channels/payments.authorized",
      "sendShipmentsDispatched send #/channels/shipments.dispatched",
    ]);
    expect(document.operations.receivePaymentsAuthorized?.bindings?.kafka.groupId).toEqual({ type: "string", const: "shipping-service" });
    expect(document.operations.sendShipmentsDispatched?.bindings).toBeUndefined();
    // No declared producer header values: its records are attributed by its slug.
    expect(document.operations.sendShipmentsDispatched?.["x-producer-header-values"]).toEqual(["shipping"]);
    expect(document.operations.receivePaymentsAuthorized?.["x-producer-header-values"]).toBeUndefined();
  });

  it("prefers live partitions, replicas and retention when a snapshot is given", async () => {
    const input = await loadAsyncApiInput(database.db, "orders");
    const topic: TopicSnapshot = {
      name: "orders.created", internal: false, replicationFactor: 3, messagesPerSec: 4, messageCount: 10, underReplicatedPartitions: 0,
      offlinePartitions: 0, retentionMs: 86_400_000,
      partitions: Array.from({ length: 12 }, (_, partition) => ({ partition, leader: 1, replicas: [1, 2, 3], isr: [1, 2, 3], offlineReplicas: [], startOffset: 0, endOffset: 1 })),
      partitionCount: 12,
    };
    const state: ClusterState = {
      cluster: "local", stale: false, ageSeconds: 1, lastError: null, lastAttemptAt: null, consecutiveFailures: 0,
      collector: { leader: "test", epoch: 1, down: false, since: null },
      snapshot: { cluster: "local", clusterId: "x", controller: 1, brokers: [], topics: [topic], groups: [], sampledAt: 0, sampleDurationMs: 1,
        totals: { topics: 1, partitions: 12, underReplicatedPartitions: 0, offlinePartitions: 0, messagesPerSec: 4 },
        producers: [], conformance: [], conformanceTotals: [] },
    };
    const document = buildAsyncApiDocument({ ...input!, states: [state] }) as { channels: Record<string, { bindings: unknown }> };
    expect(document.channels["orders.created"]?.bindings).toEqual({
      kafka: { topic: "orders.created", partitions: 12, replicas: 3, topicConfiguration: { "retention.ms": 86_400_000 }, bindingVersion: "0.5.0" },
    });
    expect(validate(document)).toBe(true);
  });
});
