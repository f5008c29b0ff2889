import { describe, expect, it } from "vitest";
import { buildFlowGraph } from "@/lib/flow/build-flow-graph";
import { selectNeighbourhood } from "@/lib/flow/neighbourhood";
import { makeCatalog, makeGroup, makeService, makeSnapshot, makeTopic } from "@/lib/flow/testing";

// orders → orders.created → payments → payments.authorized → shipping
//                        ↘ fraud
const catalog = makeCatalog({
  services: [
    makeService("orders"),
    makeService("payments", { consumerGroups: ["payments-service"] }),
    makeService("fraud", { consumerGroups: ["fraud-detection"] }),
    makeService("shipping", { consumerGroups: ["shipping-service"] }),
  ],
  flows: [
    { serviceSlug: "orders", topic: "orders.created", direction: "produces" },
    { serviceSlug: "payments", topic: "payments.authorized", direction: "produces" },
  ],
});
const snapshot = makeSnapshot(
  [makeTopic("orders.created"), makeTopic("payments.authorized")],
  [
    makeGroup("payments-service", [{ topic: "orders.created" }]),
    makeGroup("fraud-detection", [{ topic: "orders.created" }]),
    makeGroup("shipping-service", [{ topic: "payments.authorized" }]),
  ],
);
const graph = buildFlowGraph({ catalog, snapshot, observedProducers: new Map() });
const ids = (subgraph: ReturnType<typeof selectNeighbourhood>) => subgraph.nodes.map((node) => node.id).sort();

describe("selectNeighbourhood", () => {
  it("keeps one hop up and down", () => {
    expect(ids(selectNeighbourhood(graph, "service:payments", 1))).toEqual([
      "service:payments",
      "topic:orders.created",
      "topic:payments.authorized",
    ]);
  });

  it("walks up and downstream separately, so sibling consumers stay out", () => {
    const around = selectNeighbourhood(graph, "service:payments", 2);
    expect(ids(around)).toEqual([
      "service:orders",
      "service:payments",
      "service:shipping",
      "topic:orders.created",
      "topic:payments.authorized",
    ]);
    expect(around.edges.map((edge) => edge.id).sort()).toEqual([
      "service:orders->topic:orders.created",
      "service:payments->topic:payments.authorized",
      "topic:orders.created->service:payments",
      "topic:payments.authorized->service:shipping",
    ]);
  });

  it("shows all consumers of a topic one hop downstream", () => {
    expect(ids(selectNeighbourhood(graph, "topic:orders.created", 1))).toEqual([
      "service:fraud",
      "service:orders",
      "service:payments",
      "topic:orders.created",
    ]);
  });

  it("returns just the node for zero hops and nothing for an unknown id", () => {
    expect(ids(selectNeighbourhood(graph, "service:orders", 0))).toEqual(["service:orders"]);
    expect(selectNeighbourhood(graph, "service:nope", 2).nodes).toEqual([]);
  });
});
