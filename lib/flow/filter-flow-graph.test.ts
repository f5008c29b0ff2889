import { describe, expect, it } from "vitest";
import { buildFlowGraph } from "@/lib/flow/build-flow-graph";
import { EMPTY_FLOW_FILTERS, filterFlowGraph, listFilterOptions } from "@/lib/flow/filter-flow-graph";
import { makeCatalog, makeGroup, makeService, makeSnapshot, makeTopic } from "@/lib/flow/testing";

const catalog = makeCatalog({
  services: [
    makeService("orders", { teamSlug: "shop", teamName: "Shop", tier: "critical", tags: ["pci"] }),
    makeService("payments", { teamSlug: "money", teamName: "Money", tier: "high", consumerGroups: ["payments-service"] }),
    makeService("fraud", { teamSlug: "risk", teamName: "Risk", tier: "medium", consumerGroups: ["fraud-detection"] }),
  ],
  contracts: [{ cluster: "local", topic: "orders.created", ownerServiceSlug: "orders", lagObjectiveSec: null }],
  flows: [
    { serviceSlug: "orders", topic: "orders.created", direction: "produces" },
    { serviceSlug: "payments", topic: "orders.created", direction: "consumes" },
    { serviceSlug: "fraud", topic: "orders.created", direction: "consumes" },
  ],
});
const snapshot = makeSnapshot(
  [makeTopic("orders.created"), makeTopic("clicks")],
  [
    makeGroup("payments-service", [{ topic: "orders.created" }]),
    makeGroup("fraud-detection", [{ topic: "orders.created", status: "WARNING" }]),
  ],
);
const graph = buildFlowGraph({ catalog, snapshot, observedProducers: new Map() });
const nodeIds = (filtered: typeof graph) => filtered.nodes.map((node) => node.id).sort();

describe("filterFlowGraph", () => {
  it("returns the same graph object without filters", () => {
    expect(filterFlowGraph(graph, EMPTY_FLOW_FILTERS)).toBe(graph);
  });

  it("keeps a team's services, their edges and the topics they touch or own", () => {
    const shop = filterFlowGraph(graph, { ...EMPTY_FLOW_FILTERS, team: "shop" });
    expect(nodeIds(shop)).toEqual(["service:orders", "topic:orders.created"]);
    expect(shop.edges.map((edge) => edge.id)).toEqual(["service:orders->topic:orders.created"]);
  });

  it("filters by tier and tag", () => {
    expect(nodeIds(filterFlowGraph(graph, { ...EMPTY_FLOW_FILTERS, tier: "high" }))).toEqual([
      "service:payments",
      "topic:orders.created",
    ]);
    expect(nodeIds(filterFlowGraph(graph, { ...EMPTY_FLOW_FILTERS, tag: "pci" }))).toEqual([
      "service:orders",
      "topic:orders.created",
    ]);
  });

  it("filters by lag status and by problems", () => {
    const warning = filterFlowGraph(graph, { ...EMPTY_FLOW_FILTERS, status: "WARNING" });
    expect(warning.edges.map((edge) => edge.id)).toEqual(["topic:orders.created->service:fraud"]);
    expect(nodeIds(warning)).toEqual(["service:fraud", "topic:orders.created"]);
    const problems = filterFlowGraph(graph, { ...EMPTY_FLOW_FILTERS, status: "problems" });
    expect(nodeIds(problems)).toEqual(["service:fraud", "topic:clicks", "topic:orders.created"]);
  });
});

describe("listFilterOptions", () => {
  it("lists teams, tags and tiers present, sorted", () => {
    expect(listFilterOptions(graph)).toEqual({
      teams: [
        { slug: "money", name: "Money" },
        { slug: "risk", name: "Risk" },
        { slug: "shop", name: "Shop" },
      ],
      tags: ["pci"],
      tiers: ["critical", "high", "medium"],
    });
  });
});
