import { describe, expect, it } from "vitest";
import { centerViewportOn, getGraphBounds, placeAggregates, toReactFlowEdges, toReactFlowNodes } from "@/components/flow/to-react-flow";
import { aggregateTopicsByPrefix } from "@/lib/flow/aggregate";
import { buildFlowGraph } from "@/lib/flow/build-flow-graph";
import { makeCatalog, makeService, makeSnapshot, makeTopic } from "@/lib/flow/testing";

const graph = buildFlowGraph({
  catalog: makeCatalog({
    services: [makeService("orders")],
    flows: [
      { serviceSlug: "orders", topic: "orders.created", direction: "produces" },
      { serviceSlug: "orders", topic: "orders.cancelled", direction: "produces" },
    ],
  }),
  snapshot: makeSnapshot([makeTopic("orders.created"), makeTopic("orders.cancelled")], []),
  observedProducers: new Map(),
});
const positions = new Map([
  ["service:orders", { x: 0, y: 50 }],
  ["topic:orders.cancelled", { x: 300, y: 0 }],
  ["topic:orders.created", { x: 300, y: 100 }],
]);

describe("React Flow elements", () => {
  it("places nodes with their fixed sizes and marks the selection", () => {
    const nodes = toReactFlowNodes(graph, positions, { type: "node", id: "service:orders" });
    expect(nodes.find((node) => node.id === "service:orders")).toMatchObject({
      position: { x: 0, y: 50 },
      width: 220,
      selected: true,
      type: "flow",
    });
    const edges = toReactFlowEdges(graph, { type: "edge", id: "service:orders->topic:orders.created" });
    expect(edges.filter((edge) => edge.selected).map((edge) => edge.id)).toEqual(["service:orders->topic:orders.created"]);
  });

  it("puts an aggregate at the centre of its topics", () => {
    const aggregated = aggregateTopicsByPrefix(graph);
    expect(placeAggregates(aggregated, positions).get("aggregate:orders")).toEqual({ x: 300, y: 50 });
  });

  it("measures the graph and centres a viewport on a box", () => {
    expect(getGraphBounds(graph, positions)).toEqual({ x: 0, y: 0, width: 540, height: 156 });
    expect(centerViewportOn({ x: 100, y: 100, width: 200, height: 100 }, 1000, 600, 2)).toEqual({ x: 100, y: 0, zoom: 2 });
  });
});
