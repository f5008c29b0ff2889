import { describe, expect, it } from "vitest";
import { aggregateTopicsByPrefix } from "@/lib/flow/aggregate";
import { buildFlowGraph } from "@/lib/flow/build-flow-graph";
import { getTopicPrefix } from "@/lib/flow/ids";
import { makeCatalog, makeGroup, makeService, makeSnapshot, makeTopic } from "@/lib/flow/testing";

const catalog = makeCatalog({
  services: [makeService("orders"), makeService("analytics", { consumerGroups: ["analytics-etl"] })],
  flows: [
    { serviceSlug: "orders", topic: "orders.created", direction: "produces" },
    { serviceSlug: "orders", topic: "orders.cancelled", direction: "produces" },
  ],
});
const snapshot = makeSnapshot(
  [makeTopic("orders.created", 10), makeTopic("orders.cancelled", 2), makeTopic("clicks", 1)],
  [
    makeGroup("analytics-etl", [
      { topic: "orders.created", consumedPerSec: 9, lag: 4, timeLagSeconds: 2 },
      { topic: "orders.cancelled", consumedPerSec: 2, lag: 1, timeLagSeconds: 8, status: "WARNING" },
      { topic: "clicks", consumedPerSec: 1 },
    ]),
  ],
);
const graph = buildFlowGraph({ catalog, snapshot, observedProducers: new Map() });

describe("aggregateTopicsByPrefix", () => {
  const aggregated = aggregateTopicsByPrefix(graph);

  it("replaces topics sharing a prefix with one node and keeps lone topics", () => {
    expect(aggregated.nodes.map((node) => node.id)).toEqual([
      "service:orders",
      "service:analytics",
      "topic:clicks",
      "aggregate:orders",
    ]);
    expect(aggregated.nodes.find((node) => node.id === "aggregate:orders")).toMatchObject({
      kind: "aggregate",
      label: "orders.* (2)",
      topicIds: ["topic:orders.cancelled", "topic:orders.created"],
      messagesPerSec: 12,
      status: "WARNING",
    });
  });

  it("merges parallel edges, summing rates and lag and keeping the worst status", () => {
    expect(aggregated.edges.find((edge) => edge.id === "aggregate:orders->service:analytics")).toMatchObject({
      rate: 11,
      lag: 5,
      timeLagSeconds: 8,
      status: "WARNING",
      aggregatedCount: 2,
      classification: "observed-not-declared",
    });
    expect(aggregated.edges.find((edge) => edge.id === "service:orders->aggregate:orders")?.aggregatedCount).toBe(2);
    expect(aggregated.edges.some((edge) => edge.id === "topic:clicks->service:analytics")).toBe(true);
  });

  it("leaves the input graph untouched", () => {
    expect(graph.nodes.some((node) => node.kind === "aggregate")).toBe(false);
    expect(graph.edges.find((edge) => edge.id === "topic:orders.created->service:analytics")?.rate).toBe(9);
  });

  it("honours a minimum group size", () => {
    expect(aggregateTopicsByPrefix(graph, { minGroupSize: 3 }).nodes.some((node) => node.kind === "aggregate")).toBe(false);
  });
});

describe("aggregateTopicsByPrefix with sampled producers", () => {
  it("sums the contract violations of merged produce edges and drops the per-topic sample", () => {
    const conformance = (topic: string, checked: number, violations: number) => ({
      topic, contractVersion: 1, checked, violations, byProducer: [{ value: "orders", checked, violations }], latestViolations: [],
    });
    const sampled = buildFlowGraph({
      catalog,
      snapshot: { ...snapshot, conformance: [conformance("orders.created", 10, 2), conformance("orders.cancelled", 4, 1)] },
      observedProducers: new Map([
        ["orders.created", new Map<string | null, number>([["orders", 10]])],
        ["orders.cancelled", new Map<string | null, number>([["orders", 4]])],
      ]),
    });
    const merged = aggregateTopicsByPrefix(sampled).edges.find((edge) => edge.id === "service:orders->aggregate:orders")!;
    expect(merged).toMatchObject({ rate: 12, rateSource: "producer-sample", aggregatedCount: 2, conformance: { checked: 14, violations: 3 } });
    expect(merged.sample).toBeUndefined();
    // The input graph's edges keep their own counts.
    expect(sampled.edges.find((edge) => edge.id === "service:orders->topic:orders.created")?.conformance).toEqual({ checked: 10, violations: 2 });
  });
});

describe("getTopicPrefix", () => {
  it("takes the text before the first dot", () => {
    expect(getTopicPrefix("orders.created.v2")).toBe("orders");
    expect(getTopicPrefix("clicks")).toBe("clicks");
    expect(getTopicPrefix(".hidden")).toBe(".hidden");
  });
});
