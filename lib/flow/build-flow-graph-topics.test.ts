import { describe, expect, it } from "vitest";
import { buildFlowGraph } from "@/lib/flow/build-flow-graph";
import { makeCatalog, makeGroup, makeService, makeSnapshot, makeTopic } from "@/lib/flow/testing";
import type { FlowGraph, ObservedProducers } from "@/lib/flow/types";

const noProducers: ObservedProducers = new Map();

function find<T extends { id: string }>(items: T[], id: string): T {
  const found = items.find((item) => item.id === id);
  if (!found) throw new Error(`no ${id} in ${items.map((item) => item.id).join(", ")}`);
  return found;
}

const producers = makeCatalog({
  services: [makeService("orders"), makeService("checkout")],
  contracts: [{ cluster: "local", topic: "orders.created", ownerServiceSlug: "orders", lagObjectiveSec: null }],
  flows: [
    { serviceSlug: "orders", topic: "orders.created", direction: "produces" },
    { serviceSlug: "checkout", topic: "orders.created", direction: "produces" },
  ],
});

describe("buildFlowGraph: produce edges", () => {
  it("splits an active topic's rate evenly between declared producers when no header was sampled", () => {
    const snapshot = makeSnapshot([makeTopic("orders.created", 40)], []);
    const graph = buildFlowGraph({ catalog: producers, snapshot, observedProducers: noProducers });
    for (const id of ["service:orders->topic:orders.created", "service:checkout->topic:orders.created"]) {
      expect(find(graph.edges, id)).toMatchObject({
        kind: "produces",
        classification: "declared-observed",
        rate: 20,
        rateSource: "declared-split",
      });
    }
  });

  it("marks declared producers of an idle or missing topic as declared-not-observed", () => {
    const idle = buildFlowGraph({
      catalog: producers,
      snapshot: makeSnapshot([makeTopic("orders.created", 0)], []),
      observedProducers: noProducers,
    });
    const idleEdge = find(idle.edges, "service:orders->topic:orders.created");
    expect(idleEdge.classification).toBe("declared-not-observed");
    expect(idleEdge.issues[0]!.reason).toContain("idle");

    const missing = buildFlowGraph({ catalog: producers, snapshot: makeSnapshot([], []), observedProducers: noProducers });
    expect(find(missing.edges, "service:orders->topic:orders.created").issues[0]!.reason).toContain("not on the cluster");
  });

  it("splits the rate by sampled producer share and flags producers that are not declared", () => {
    const sampled: ObservedProducers = new Map([["orders.created", new Map([["orders", 3], ["mystery-app", 1]])]]);
    const graph = buildFlowGraph({
      catalog: producers,
      snapshot: makeSnapshot([makeTopic("orders.created", 40)], []),
      observedProducers: sampled,
    });
    expect(find(graph.edges, "service:orders->topic:orders.created")).toMatchObject({
      classification: "declared-observed",
      rate: 30,
      rateSource: "producer-sample",
    });
    expect(find(graph.edges, "producer:mystery-app->topic:orders.created")).toMatchObject({
      classification: "observed-not-declared",
      rate: 10,
    });
    expect(find(graph.nodes, "producer:mystery-app")).toMatchObject({ kind: "unmapped-producer", classification: "observed-not-declared" });
    const checkout = find(graph.edges, "service:checkout->topic:orders.created");
    expect(checkout.classification).toBe("declared-not-observed");
    expect(checkout.issues[0]!.reason).toContain("4 sampled recent messages");
  });

  it("flags a catalog service seen producing a topic it does not declare", () => {
    const sampled: ObservedProducers = new Map([["payments.done", new Map([["orders", 5]])]]);
    const graph = buildFlowGraph({
      catalog: producers,
      snapshot: makeSnapshot([makeTopic("orders.created"), makeTopic("payments.done", 5)], []),
      observedProducers: sampled,
    });
    expect(find(graph.edges, "service:orders->topic:payments.done")).toMatchObject({
      classification: "observed-not-declared",
      rate: 5,
      issues: [expect.objectContaining({ kind: "undocumented", link: { kind: "service", slug: "orders" } })],
    });
  });
});

describe("buildFlowGraph: topics", () => {
  it("flags a live topic without a contract as unowned, linking to a new contract", () => {
    const graph = buildFlowGraph({
      catalog: makeCatalog(),
      snapshot: makeSnapshot([makeTopic("clicks")], []),
      observedProducers: noProducers,
    });
    expect(find(graph.nodes, "topic:clicks")).toMatchObject({
      classification: "observed-not-declared",
      contract: null,
      issues: [expect.objectContaining({ kind: "unowned-topic", link: { kind: "new-contract", topic: "clicks" } })],
    });
  });

  it("keeps a contract-only topic as declared-not-observed", () => {
    const graph = buildFlowGraph({ catalog: producers, snapshot: makeSnapshot([], []), observedProducers: noProducers });
    expect(find(graph.nodes, "topic:orders.created")).toMatchObject({
      live: false,
      classification: "declared-not-observed",
      issues: [expect.objectContaining({ kind: "not-observed", link: { kind: "contract", topic: "orders.created" } })],
    });
  });

  it("flags a contract whose owner service is not in the catalog", () => {
    const catalog = makeCatalog({
      contracts: [{ cluster: "local", topic: "orphans", ownerServiceSlug: "gone", lagObjectiveSec: null }],
    });
    const graph = buildFlowGraph({ catalog, snapshot: makeSnapshot([makeTopic("orphans")], []), observedProducers: noProducers });
    expect(find(graph.nodes, "topic:orphans").issues).toEqual([expect.objectContaining({ kind: "unowned-topic" })]);
  });

  it("leaves out internal topics and consumption of them", () => {
    const snapshot = makeSnapshot(
      [makeTopic("__consumer_offsets", 1, true), makeTopic("_schemas", 0, true), makeTopic("orders.created")],
      [makeGroup("legacy", [{ topic: "__consumer_offsets" }])],
    );
    const graph = buildFlowGraph({ catalog: producers, snapshot, observedProducers: noProducers });
    expect(graph.nodes.filter((node) => node.kind === "topic").map((node) => node.id)).toEqual(["topic:orders.created"]);
    expect(graph.edges.some((edge) => edge.source.includes("consumer_offsets"))).toBe(false);
  });

  it("ignores contracts of other clusters", () => {
    const catalog = makeCatalog({
      services: [makeService("orders")],
      contracts: [{ cluster: "eu", topic: "eu.only", ownerServiceSlug: "orders", lagObjectiveSec: null }],
    });
    const graph = buildFlowGraph({ catalog, snapshot: makeSnapshot([], [], "local"), observedProducers: noProducers });
    expect(graph.nodes.some((node) => node.id === "topic:eu.only")).toBe(false);
  });
});

describe("buildFlowGraph: without a snapshot and determinism", () => {
  it("calls nothing not-observed before the first snapshot, and rates are unknown", () => {
    const graph: FlowGraph = buildFlowGraph({ catalog: producers, snapshot: null, observedProducers: noProducers, cluster: "local" });
    expect(graph.sampledAt).toBeNull();
    expect(graph.edges.every((edge) => edge.rate === null && edge.issues.length === 0)).toBe(true);
    expect(graph.nodes.every((node) => node.issues.length === 0)).toBe(true);
  });

  it("builds the same, sorted graph from the same inputs", () => {
    const snapshot = makeSnapshot(
      [makeTopic("b.topic"), makeTopic("a.topic")],
      [makeGroup("z-group", [{ topic: "b.topic" }]), makeGroup("a-group", [{ topic: "a.topic" }])],
    );
    const first = buildFlowGraph({ catalog: producers, snapshot, observedProducers: noProducers });
    const second = buildFlowGraph({ catalog: producers, snapshot, observedProducers: noProducers });
    expect(second).toEqual(first);
    const edgeIds = first.edges.map((edge) => edge.id);
    expect(edgeIds).toEqual([...edgeIds].sort());
  });
});
