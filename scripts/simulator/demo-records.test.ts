// Unit: the demo simulator's records against the contracts of prisma/demo-catalog.yaml, through
// Ajv (draft-07, formats on, all errors). The demo's deliberate contract break must violate its
// schema in exactly one place, every other record must conform, and the break and the
// header-less writer must come at their fixed, deterministic rates.
import { readFileSync } from "node:fs";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import {
  authorizePayment, createOrder, detectLowStock, dispatchShipment, reserveInventory, sendNotification, withAmountAsText,
} from "./events";
import { createMessageHandler, orderWriterFor } from "./services";
import { RATES, SERVICES, type TopicName } from "./topology";

type Contract = { topic: string; valueSchema: object };
const contracts = (parseYaml(readFileSync("prisma/demo-catalog.yaml", "utf8")) as { contracts: Contract[] }).contracts;

const validators = new Map<TopicName, ValidateFunction>();
function validatorFor(topic: TopicName): ValidateFunction {
  const compiled = validators.get(topic);
  if (compiled) return compiled;
  const contract = contracts.find((entry) => entry.topic === topic);
  if (!contract) throw new Error(`no contract for ${topic} in the demo catalog`);
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  // The masking annotation on sensitive fields (README "Masking sensitive fields") is a known keyword.
  ajv.addKeyword({ keyword: "x-classification", schemaType: "string" });
  const validate = ajv.compile(contract.valueSchema);
  validators.set(topic, validate);
  return validate;
}

/** Ajv's errors for `record` (after a JSON round trip, as a consumer reads it), [] when valid. */
function errorsOf(topic: TopicName, record: object): Pick<ErrorObject, "instancePath" | "keyword" | "message">[] {
  const validate = validatorFor(topic);
  if (validate(JSON.parse(JSON.stringify(record)))) return [];
  return (validate.errors ?? []).map(({ instancePath, keyword, message }) => ({ instancePath, keyword, message }));
}

describe("demo records against the demo catalog's contracts", () => {
  it("every normal record of every demo topic conforms", () => {
    for (let round = 0; round < 50; round++) {
      const order = createOrder();
      const reservation = reserveInventory(order);
      const shipment = dispatchShipment(order.orderId);
      expect(errorsOf("orders.created", order)).toEqual([]);
      expect(errorsOf("payments.authorized", authorizePayment(order))).toEqual([]);
      expect(errorsOf("inventory.reserved", reservation)).toEqual([]);
      expect(errorsOf("inventory.low-stock", detectLowStock(reservation))).toEqual([]);
      expect(errorsOf("shipments.dispatched", shipment)).toEqual([]);
      expect(errorsOf("notifications.sent", sendNotification(shipment))).toEqual([]);
    }
  });

  it("the broken payment violates payments.authorized exactly once, at /amount", () => {
    const broken = withAmountAsText(authorizePayment({ ...createOrder(), total: 28.2 }));
    expect(broken.amount).toBe("28.20");
    expect(errorsOf("payments.authorized", broken)).toEqual([{ instancePath: "/amount", keyword: "type", message: "must be number" }]);
  });
});

describe("the simulator's deliberate drift", () => {
  it("payments writes every 20th payment broken, and only those", async () => {
    const written: { topic: string; record: object }[] = [];
    const handle = createMessageHandler("payments", async (topic, _key, record) => void written.push({ topic, record }));
    for (let index = 0; index < 60; index++) await handle("orders.created", createOrder());

    expect(RATES.brokenPaymentEvery).toBe(20);
    expect(written).toHaveLength(60);
    expect(new Set(written.map((entry) => entry.topic))).toEqual(new Set(["payments.authorized"]));
    const brokenAt = written.flatMap((entry, index) => (errorsOf("payments.authorized", entry.record).length > 0 ? [index + 1] : []));
    expect(brokenAt).toEqual([20, 40, 60]);
    expect(errorsOf("payments.authorized", written[19]!.record)).toEqual([{ instancePath: "/amount", keyword: "type", message: "must be number" }]);
  });

  it("every 10th order comes from legacy-checkout, which sends no producer header and is not in the catalog", () => {
    const writers = Array.from({ length: 30 }, (_, index) => orderWriterFor(index + 1));
    expect(writers.flatMap((writer, index) => (writer === "legacy-checkout" ? [index + 1] : []))).toEqual([10, 20, 30]);
    expect(writers.filter((writer) => writer === "orders")).toHaveLength(27);
    const legacy = SERVICES.find((service) => service.slug === "legacy-checkout");
    expect(legacy).toEqual({ slug: "legacy-checkout", produces: ["orders.created"], inCatalog: false, sendsProducerHeader: false });
    // Only legacy-checkout writes without the header.
    expect(SERVICES.filter((service) => service.sendsProducerHeader === false).map((service) => service.slug)).toEqual(["legacy-checkout"]);
    const catalog = parseYaml(readFileSync("prisma/demo-catalog.yaml", "utf8")) as { services: { slug: string }[] };
    expect(catalog.services.map((service) => service.slug)).not.toContain("legacy-checkout");
  });
});
