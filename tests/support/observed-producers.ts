// Shared set-up of tests/observed-producers.test.ts and e2e/observed-producers.spec.ts (issue 13):
// a catalog made through the catalog API (a team, two services, a contract with a JSON Schema on
// a fresh one-partition topic) and records written by Kafka's own console producer (not kafkajs),
// with the producer header of a declared producer, of a service that declares the header value,
// of a value nobody declares, and without the header. One partition, one producer run: record i
// lands at offset i, so every expected number below is exact.
import type { Admin } from "kafkajs";
import { runKafkaTool } from "../../scripts/lib/kafka-dist";
import { CLUSTER, createTopic, pollUntil, readTopic, stack, type ApiResponse } from "./live-stack";
import { apiWrite, mustWrite } from "./api-write";

/** The header the test stack's app reads (FLOW_PRODUCER_HEADER is not set there: the default). */
export const PRODUCER_HEADER = "x-producer";

export type PlannedRecord = {
  offset: number;
  /** The producer header's value; null = the record has no header at all. */
  producer: string | null;
  /** The record's value exactly as written. */
  value: string;
  /** Where and why the contract rejects it; absent for a conforming record. */
  violation?: { pointer: string; message: string };
};

export type ProducerScenario = {
  run: string;
  topic: string;
  team: string;
  /** Declares producing to `topic`; writes with its slug as the header value (the default). */
  declaredService: string;
  /** Declares the header value `headerValue` (and no flow to `topic`): an undeclared producer edge. */
  headerService: string;
  headerValue: string;
  /** A header value no service declares: the "unknown producer". */
  unknownValue: string;
  records: PlannedRecord[];
};

/** The contract's value schema: draft-07, with a format so "formats on" is exercised too. */
export const INVOICE_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "InvoiceIssued",
  type: "object",
  required: ["invoiceId", "amount", "items", "issuedAt"],
  properties: {
    invoiceId: { type: "string" },
    amount: { type: "number", minimum: 0 },
    items: {
      type: "array",
      items: {
        type: "object",
        required: ["sku", "quantity"],
        properties: { sku: { type: "string" }, quantity: { type: "integer", minimum: 1 } },
      },
    },
    issuedAt: { type: "string", format: "date-time" },
  },
} as const;

const invoice = (index: number, change: Record<string, unknown> = {}) =>
  JSON.stringify({
    invoiceId: `inv-${index}`,
    amount: 10 + index,
    items: [{ sku: `SKU-${index}`, quantity: 1 + (index % 3) }],
    issuedAt: `2026-12-03T06:${String(10 + index).padStart(2, "0")}:00.000Z`,
    ...change,
  });

/**
 * The scenario of one test file. Per producer: declared 7 records (2 violations), headerService 3
 * (0), unknown 2 (1: not JSON), no header 4 (1). In all 16 checked, 4 violations (75% conform).
 */
export function planScenario(run: string): ProducerScenario {
  const declaredService = `invoicing-${run}`;
  const headerService = `ledger-${run}`;
  const headerValue = `ledger-writer-${run}`;
  const unknownValue = `mystery-${run}`;
  const rows: Omit<PlannedRecord, "offset">[] = [
    { producer: declaredService, value: invoice(0) },
    { producer: declaredService, value: invoice(1) },
    { producer: null, value: invoice(2) },
    { producer: headerValue, value: invoice(3) },
    { producer: declaredService, value: invoice(4, { amount: "14.00" }), violation: { pointer: "/amount", message: "must be number" } },
    { producer: unknownValue, value: invoice(5) },
    { producer: null, value: invoice(6) },
    { producer: declaredService, value: invoice(7) },
    { producer: headerValue, value: invoice(8) },
    { producer: null, value: invoice(9, { items: [{ sku: "SKU-9", quantity: 0 }] }), violation: { pointer: "/items/0/quantity", message: "must be >= 1" } },
    { producer: unknownValue, value: "not json {", violation: { pointer: "", message: "value is not JSON" } },
    { producer: declaredService, value: invoice(11) },
    { producer: headerValue, value: invoice(12) },
    { producer: declaredService, value: invoice(13, { issuedAt: "yesterday" }), violation: { pointer: "/issuedAt", message: 'must match format "date-time"' } },
    { producer: null, value: invoice(14) },
    { producer: declaredService, value: invoice(15) },
  ];
  return {
    run,
    topic: `invoices.issued.${run}`,
    team: `billing-${run}`,
    declaredService,
    headerService,
    headerValue,
    unknownValue,
    records: rows.map((row, offset) => ({ ...row, offset })),
  };
}

/**
 * The catalog through POST /api/catalog/teams, /services, /contracts: the declared service is
 * created first (a contract needs its owner), owns the contract, then declares producing to it.
 * Returns a function that deletes all of it again.
 */
export async function createScenarioCatalog(scenario: ProducerScenario): Promise<() => Promise<void>> {
  const { team, declaredService, headerService, topic } = scenario;
  await mustWrite(201, "POST", "/api/catalog/teams", { slug: team, name: `Billing ${scenario.run}` });
  const declared = { slug: declaredService, name: `Invoicing ${scenario.run}`, team };
  await mustWrite(201, "POST", "/api/catalog/services", declared);
  await mustWrite(201, "POST", "/api/catalog/contracts", {
    cluster: CLUSTER,
    topic,
    owner: declaredService,
    partitions: 1,
    compatibility: "backward",
    classification: "internal",
    valueSchema: INVOICE_SCHEMA,
  });
  const flows = [{ direction: "produces", cluster: CLUSTER, topic, purpose: "Issues invoices" }];
  const updated = await mustWrite(200, "PUT", `/api/catalog/services/${declaredService}`, { ...declared, flows, version: 1 });
  await mustWrite(201, "POST", "/api/catalog/services", {
    slug: headerService,
    name: `Ledger ${scenario.run}`,
    team,
    producerHeaderValues: [`ledger-old-${scenario.run}`, scenario.headerValue],
  });
  return async () => {
    await apiWrite("DELETE", `/api/catalog/services/${headerService}?version=1`);
    await apiWrite("DELETE", `/api/catalog/contracts/${CLUSTER}/${encodeURIComponent(topic)}?version=1`);
    await apiWrite("DELETE", `/api/catalog/services/${declaredService}?version=${updated.record.version}`);
    await apiWrite("DELETE", `/api/catalog/teams/${team}?version=1`);
  };
}

/** The scenario's topic: one partition, so offsets are the records' order. */
export async function createScenarioTopic(admin: Admin, scenario: ProducerScenario): Promise<void> {
  await createTopic(admin, scenario.topic, 1);
}

/**
 * Writes every planned record with kafka-console-producer in one run (parse.headers=true; the
 * null marker NULL stands for "no headers at all"). Returns when the tool exits: acks=-1 and a
 * clean exit mean every record is on the broker. Times bracket the records' timestamps.
 */
export async function produceScenarioRecords(scenario: ProducerScenario): Promise<{ startedAt: number; finishedAt: number }> {
  const lines = scenario.records.map((record) => `${record.producer === null ? "NULL" : `${PRODUCER_HEADER}:${record.producer}`}\t${record.value}`);
  const startedAt = Date.now();
  const result = await runKafkaTool(
    "kafka-console-producer",
    [
      "--bootstrap-server", stack.brokers,
      "--topic", scenario.topic,
      "--request-required-acks", "-1",
      "--reader-property", "parse.headers=true",
      "--reader-property", "null.marker=NULL",
    ],
    { input: `${lines.join("\n")}\n` },
  );
  const finishedAt = Date.now();
  if (result.code !== 0) throw new Error(`kafka-console-producer failed (${result.code}): ${result.stderr}${result.stdout}`);
  return { startedAt, finishedAt };
}

/**
 * Waits until the collector has the scenario's contract in force: the topic's detail lists its
 * conformance (nothing checked yet). Records sampled before that would not be checked at all.
 */
export async function waitForContractInForce(scenario: ProducerScenario): Promise<void> {
  let last: unknown;
  await pollUntil(
    `the contract of ${scenario.topic} in force in the collector`,
    async () => {
      const response = await readTopic(scenario.topic);
      last = response?.body.conformance;
      return response?.body.conformance?.contractVersion === 1 ? response : undefined;
    },
    { timeoutMs: 60_000, everyMs: 500, describeLast: () => last },
  );
}

/** The topic's detail once the collector has sampled and checked every planned record. */
export async function readWhenAllChecked(scenario: ProducerScenario): Promise<ApiResponse<any>> {
  const expected = scenario.records.length;
  let last: unknown;
  return pollUntil(
    `all ${expected} records of ${scenario.topic} sampled and checked`,
    async () => {
      const response = await readTopic(scenario.topic);
      last = response && { producers: response.body.producers, conformance: response.body.conformance };
      return response?.body.conformance?.checked === expected ? response : undefined;
    },
    { timeoutMs: 60_000, everyMs: 500, describeLast: () => last },
  );
}
