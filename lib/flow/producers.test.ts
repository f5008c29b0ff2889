import { describe, expect, it } from "vitest";
import type { TopicConformance, TopicProducers } from "@/lib/collector/types";
import { createProducerResolver, describeTopicProducers, toConformancePercent, toObservedProducers } from "@/lib/flow/producers";
import { describeServiceProduceEdges } from "@/lib/flow/service-produce-edges";
import { makeSnapshot, makeTopic } from "@/lib/flow/testing";

const services = [
  { slug: "orders", producerHeaderValues: ["orders-v2"] },
  { slug: "checkout", producerHeaderValues: [] },
  { slug: "shipping", producerHeaderValues: ["orders"] },
];

const sample: TopicProducers = {
  topic: "orders.created",
  sampledRecords: 16,
  byValue: [
    { value: "orders-v2", records: 7, lastSeenAt: 1 },
    { value: null, records: 4, lastSeenAt: 1 },
    { value: "checkout", records: 3, lastSeenAt: 1 },
    { value: "legacy-batch", records: 2, lastSeenAt: 1 },
  ],
};
const conformance: TopicConformance = {
  topic: "orders.created",
  contractVersion: 1,
  checked: 16,
  violations: 4,
  byProducer: [
    { value: "orders-v2", checked: 7, violations: 2 },
    { value: null, checked: 4, violations: 1 },
    { value: "checkout", checked: 3, violations: 0 },
    { value: "legacy-batch", checked: 2, violations: 1 },
  ],
  latestViolations: [],
};

describe("createProducerResolver", () => {
  it("maps declared values, defaults to the slug, and lets a declared value win over another service's slug", () => {
    const resolve = createProducerResolver(services);
    expect(resolve("orders-v2")).toBe("orders");
    expect(resolve("checkout")).toBe("checkout");
    // "orders" is shipping's declared value; the orders service declares values, so its slug is not one.
    expect(resolve("orders")).toBe("shipping");
    expect(resolve("shipping")).toBeNull();
    expect(resolve("legacy-batch")).toBeNull();
  });
});

describe("describeTopicProducers", () => {
  it("classifies every sampled value, the unattributed records and the declared producers not seen", () => {
    const rows = describeTopicProducers({
      sample,
      services,
      declaredProducers: ["orders", "shipping"],
      topic: makeTopic("orders.created", 32),
      conformance,
    });
    expect(rows).toEqual([
      { value: "orders-v2", serviceSlug: "orders", classification: "declared-observed", records: 7, share: 7 / 16, estimatedRate: 14, rateSource: "producer-sample", conformance: { checked: 7, violations: 2 } },
      { value: null, serviceSlug: null, classification: "unattributed", records: 4, share: 0.25, estimatedRate: 8, rateSource: "producer-sample", conformance: { checked: 4, violations: 1 } },
      { value: "checkout", serviceSlug: "checkout", classification: "observed-not-declared", records: 3, share: 3 / 16, estimatedRate: 6, rateSource: "producer-sample", conformance: { checked: 3, violations: 0 } },
      { value: "legacy-batch", serviceSlug: null, classification: "unknown", records: 2, share: 2 / 16, estimatedRate: 4, rateSource: "producer-sample", conformance: { checked: 2, violations: 1 } },
      { value: null, serviceSlug: "shipping", classification: "declared-not-observed", records: 0, share: 0, estimatedRate: null, rateSource: "none", conformance: null },
    ]);
  });

  it("splits an active topic's rate between declared producers when no record carries the header", () => {
    const rows = describeTopicProducers({
      sample: { topic: "orders.created", sampledRecords: 5, byValue: [{ value: null, records: 5, lastSeenAt: 1 }] },
      services,
      declaredProducers: ["orders", "shipping"],
      topic: makeTopic("orders.created", 30),
      conformance: null,
    });
    expect(rows.map((row) => [row.value, row.serviceSlug, row.classification, row.estimatedRate, row.rateSource])).toEqual([
      [null, null, "unattributed", 30, "producer-sample"],
      [null, "orders", "declared-observed", 15, "declared-split"],
      [null, "shipping", "declared-observed", 15, "declared-split"],
    ]);
  });

  it("has no estimate before the topic has a rate, and declared producers of an idle unsampled topic are declared only", () => {
    const rows = describeTopicProducers({ sample: null, services, declaredProducers: ["orders"], topic: makeTopic("orders.created", 0), conformance: null });
    expect(rows).toEqual([
      { value: null, serviceSlug: "orders", classification: "declared-not-observed", records: 0, share: 0, estimatedRate: null, rateSource: "none", conformance: null },
    ]);
    const noRate = describeTopicProducers({ sample, services, declaredProducers: [], topic: makeTopic("orders.created", null), conformance: null });
    expect(noRate[0]).toMatchObject({ value: "orders-v2", estimatedRate: null, conformance: null });
  });
});

describe("toObservedProducers and toConformancePercent", () => {
  it("turns the snapshot's sample into header value counts, null for no header", () => {
    expect(toObservedProducers([sample])).toEqual(
      new Map([["orders.created", new Map<string | null, number>([["orders-v2", 7], [null, 4], ["checkout", 3], ["legacy-batch", 2]])]]),
    );
  });

  it("is the share of checked records that conform, null when none were checked", () => {
    expect(toConformancePercent({ checked: 16, violations: 4 })).toBe(75);
    expect(toConformancePercent({ checked: 0, violations: 0 })).toBeNull();
    expect(toConformancePercent(null)).toBeNull();
  });
});

describe("describeServiceProduceEdges", () => {
  it("lists a service's observed, undeclared and declared-only produce edges per cluster", () => {
    const snapshot = {
      ...makeSnapshot([makeTopic("orders.created", 32), makeTopic("orders.audit", 0)], []),
      producers: [sample, { topic: "carts.updated", sampledRecords: 4, byValue: [{ value: "orders-v2", records: 4, lastSeenAt: 1 }] }],
      conformance: [conformance],
    };
    const edges = describeServiceProduceEdges({
      slug: "orders",
      services,
      declaredProduces: [
        { serviceSlug: "orders", cluster: "local", topic: "orders.created" },
        { serviceSlug: "orders", cluster: "local", topic: "orders.audit" },
        { serviceSlug: "orders", cluster: "other", topic: "orders.created" },
      ],
      snapshots: [snapshot],
    });
    expect(edges).toEqual([
      { cluster: "local", topic: "carts.updated", classification: "observed-not-declared", values: ["orders-v2"], records: 4, sampledRecords: 4, share: 1, estimatedRate: null, rateSource: "producer-sample", conformance: null },
      { cluster: "local", topic: "orders.audit", classification: "declared-not-observed", values: [], records: 0, sampledRecords: 0, share: 0, estimatedRate: null, rateSource: "none", conformance: null },
      { cluster: "local", topic: "orders.created", classification: "declared-observed", values: ["orders-v2"], records: 7, sampledRecords: 16, share: 7 / 16, estimatedRate: 14, rateSource: "producer-sample", conformance: { checked: 7, violations: 2 } },
    ]);
  });
});
