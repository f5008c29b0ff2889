import { describe, expect, it } from "vitest";
import { buildFlowGraph } from "@/lib/flow/build-flow-graph";
import { makeCatalog, makeGroup, makeService, makeSnapshot, makeTopic } from "@/lib/flow/testing";
import type { FlowEdge, FlowGraph, FlowNode, ObservedProducers } from "@/lib/flow/types";

const noProducers: ObservedProducers = new Map();

function edge(graph: FlowGraph, id: string): FlowEdge {
  const found = graph.edges.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no edge ${id} in ${graph.edges.map((e) => e.id).join(", ")}`);
  return found;
}

function node(graph: FlowGraph, id: string): FlowNode {
  const found = graph.nodes.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no node ${id} in ${graph.nodes.map((n) => n.id).join(", ")}`);
  return found;
}

const shop = makeCatalog({
  services: [
    makeService("orders"),
    makeService("payments", { consumerGroups: ["payments-service"] }),
  ],
  contracts: [{ cluster: "local", topic: "orders.created", ownerServiceSlug: "orders", lagObjectiveSec: 60 }],
  flows: [
    { serviceSlug: "orders", topic: "orders.created", direction: "produces" },
    { serviceSlug: "payments", topic: "orders.created", direction: "consumes" },
  ],
});

describe("buildFlowGraph: consume edges", () => {
  it("classifies a declared flow seen through the service's group as declared-observed, with its numbers", () => {
    const snapshot = makeSnapshot(
      [makeTopic("orders.created", 12)],
      [makeGroup("payments-service", [{ topic: "orders.created", consumedPerSec: 11.5, lag: 7, timeLagSeconds: 3 }])],
    );
    const graph = buildFlowGraph({ catalog: shop, snapshot, observedProducers: noProducers });
    const consume = edge(graph, "topic:orders.created->service:payments");
    expect(consume).toMatchObject({
      kind: "consumes",
      classification: "declared-observed",
      rate: 11.5,
      rateSource: "group-commits",
      lag: 7,
      timeLagSeconds: 3,
      status: "OK",
      groups: ["payments-service"],
      lagObjectiveSec: 60,
      lagOverObjective: false,
      issues: [],
    });
    expect(node(graph, "service:payments")).toMatchObject({ classification: "declared-observed", issues: [] });
    expect(node(graph, "topic:orders.created")).toMatchObject({ classification: "declared-observed", issues: [] });
  });

  it("marks a declared consume flow whose group is not live as declared-not-observed", () => {
    const snapshot = makeSnapshot([makeTopic("orders.created")], []);
    const graph = buildFlowGraph({ catalog: shop, snapshot, observedProducers: noProducers });
    const consume = edge(graph, "topic:orders.created->service:payments");
    expect(consume.classification).toBe("declared-not-observed");
    expect(consume.rate).toBe(0);
    expect(consume.issues).toEqual([
      expect.objectContaining({ kind: "not-observed", link: { kind: "service", slug: "payments" } }),
    ]);
    expect(consume.issues[0]!.reason).toContain("payments-service");
    expect(node(graph, "service:payments").classification).toBe("declared-not-observed");
  });

  it("does not count a group that is assigned a topic but never committed on it", () => {
    const snapshot = makeSnapshot(
      [makeTopic("orders.created")],
      [makeGroup("payments-service", [{ topic: "orders.created", committed: false }])],
    );
    const graph = buildFlowGraph({ catalog: shop, snapshot, observedProducers: noProducers });
    const consume = edge(graph, "topic:orders.created->service:payments");
    expect(consume.classification).toBe("declared-not-observed");
    expect(consume.issues[0]!.reason).toContain("no committed offsets");
  });

  it("flags an observed consumption the catalog does not declare as undocumented", () => {
    const catalog = { ...shop, flows: shop.flows.filter((flow) => flow.direction === "produces") };
    const snapshot = makeSnapshot(
      [makeTopic("orders.created")],
      [makeGroup("payments-service", [{ topic: "orders.created" }])],
    );
    const graph = buildFlowGraph({ catalog, snapshot, observedProducers: noProducers });
    const consume = edge(graph, "topic:orders.created->service:payments");
    expect(consume.classification).toBe("observed-not-declared");
    expect(consume.issues).toEqual([
      expect.objectContaining({ kind: "undocumented", link: { kind: "service", slug: "payments" } }),
    ]);
  });

  it("gives a live group mapped to no service its own undocumented node", () => {
    const snapshot = makeSnapshot(
      [makeTopic("orders.created")],
      [makeGroup("legacy-reporting", [{ topic: "orders.created", consumedPerSec: 2 }])],
    );
    const graph = buildFlowGraph({ catalog: shop, snapshot, observedProducers: noProducers });
    expect(node(graph, "group:legacy-reporting")).toMatchObject({
      kind: "unmapped-group",
      classification: "observed-not-declared",
      issues: [expect.objectContaining({ kind: "undocumented", link: { kind: "group", groupId: "legacy-reporting" } })],
    });
    expect(edge(graph, "topic:orders.created->group:legacy-reporting")).toMatchObject({
      classification: "observed-not-declared",
      rate: 2,
    });
  });

  it("merges a service's groups on one topic: rates and lag summed, worst status and time lag", () => {
    const catalog = makeCatalog({
      services: [makeService("payments", { consumerGroups: ["payments-a", "payments-b"] })],
    });
    const snapshot = makeSnapshot(
      [makeTopic("orders.created")],
      [
        makeGroup("payments-a", [{ topic: "orders.created", consumedPerSec: 3, lag: 10, timeLagSeconds: 4 }]),
        makeGroup("payments-b", [{ topic: "orders.created", consumedPerSec: 4, lag: 5, timeLagSeconds: 9, status: "STALLED" }], "stuck"),
      ],
    );
    const graph = buildFlowGraph({ catalog, snapshot, observedProducers: noProducers });
    expect(edge(graph, "topic:orders.created->service:payments")).toMatchObject({
      rate: 7,
      lag: 15,
      timeLagSeconds: 9,
      status: "STALLED",
      groups: ["payments-a", "payments-b"],
    });
    expect(node(graph, "service:payments").status).toBe("STALLED");
  });
});

describe("buildFlowGraph: lag and status", () => {
  it("flags time lag over the contract's objective, and only over it", () => {
    const over = makeSnapshot(
      [makeTopic("orders.created")],
      [makeGroup("payments-service", [{ topic: "orders.created", timeLagSeconds: 61 }])],
    );
    const graph = buildFlowGraph({ catalog: shop, snapshot: over, observedProducers: noProducers });
    const consume = edge(graph, "topic:orders.created->service:payments");
    expect(consume.lagOverObjective).toBe(true);
    expect(consume.issues).toEqual([
      expect.objectContaining({ kind: "lag-over-objective", link: { kind: "group", groupId: "payments-service" } }),
    ]);
    expect(consume.issues[0]!.reason).toContain("1m 1s behind");

    const within = makeSnapshot(
      [makeTopic("orders.created")],
      [makeGroup("payments-service", [{ topic: "orders.created", timeLagSeconds: 60 }])],
    );
    const ok = buildFlowGraph({ catalog: shop, snapshot: within, observedProducers: noProducers });
    expect(edge(ok, "topic:orders.created->service:payments").issues).toEqual([]);
  });

  it("ignores time lag when the contract has no objective", () => {
    const catalog = { ...shop, contracts: [{ ...shop.contracts[0]!, lagObjectiveSec: null }] };
    const snapshot = makeSnapshot(
      [makeTopic("orders.created")],
      [makeGroup("payments-service", [{ topic: "orders.created", timeLagSeconds: 9999 }])],
    );
    const graph = buildFlowGraph({ catalog, snapshot, observedProducers: noProducers });
    expect(edge(graph, "topic:orders.created->service:payments").lagOverObjective).toBe(false);
  });

  it("reports an unhealthy lag status with the group's reason", () => {
    const snapshot = makeSnapshot(
      [makeTopic("orders.created")],
      [makeGroup("payments-service", [{ topic: "orders.created", status: "WARNING", lag: 500 }], "lag rose in every sample")],
    );
    const graph = buildFlowGraph({ catalog: shop, snapshot, observedProducers: noProducers });
    const consume = edge(graph, "topic:orders.created->service:payments");
    expect(consume.status).toBe("WARNING");
    expect(consume.classification).toBe("declared-observed");
    expect(consume.issues).toEqual([
      expect.objectContaining({ kind: "unhealthy", reason: "WARNING on orders.created: lag rose in every sample" }),
    ]);
  });

  it("explains each consume edge with its own topic's reason, not the group's worst", () => {
    const snapshot = makeSnapshot(
      [makeTopic("orders.created"), makeTopic("payments.authorized")],
      [
        makeGroup(
          "payments-service",
          [
            { topic: "orders.created", status: "WARNING", lag: 50, statusReason: "orders.created: lag rose from 10 to 50" },
            { topic: "payments.authorized", status: "STOPPED", lag: 80, statusReason: "payments.authorized: no commit for over 90s" },
          ],
          "payments.authorized: no commit for over 90s",
        ),
      ],
    );
    const graph = buildFlowGraph({ catalog: shop, snapshot, observedProducers: noProducers });
    expect(edge(graph, "topic:orders.created->service:payments").issues).toContainEqual(
      expect.objectContaining({ kind: "unhealthy", reason: "WARNING on orders.created: orders.created: lag rose from 10 to 50" }),
    );
  });
});
