import { describe, expect, it } from "vitest";
import { buildFlowGraph } from "@/lib/flow/build-flow-graph";
import { layoutLayered } from "@/lib/flow/layered-layout";
import { computeLayoutSignature, createFlowLayoutCache, layoutFlowGraph } from "@/lib/flow/layout";
import { createSyntheticFlowInput } from "@/lib/flow/synthetic";
import { makeCatalog, makeGroup, makeService, makeSnapshot, makeTopic } from "@/lib/flow/testing";

const catalog = makeCatalog({
  services: [
    makeService("orders"),
    makeService("payments", { consumerGroups: ["payments-service"] }),
    makeService("shipping", { consumerGroups: ["shipping-service"] }),
  ],
  flows: [
    { serviceSlug: "orders", topic: "orders.created", direction: "produces" },
    { serviceSlug: "payments", topic: "payments.authorized", direction: "produces" },
  ],
});
function snapshotWithRate(rate: number) {
  return makeSnapshot(
    [makeTopic("orders.created", rate), makeTopic("payments.authorized", rate), makeTopic("lonely", 0)],
    [
      makeGroup("payments-service", [{ topic: "orders.created", consumedPerSec: rate }]),
      makeGroup("shipping-service", [{ topic: "payments.authorized", consumedPerSec: rate }]),
    ],
  );
}
const graph = buildFlowGraph({ catalog, snapshot: snapshotWithRate(5), observedProducers: new Map() });

describe("layoutFlowGraph", () => {
  it("places producers left of their topics and consumers right of them (ELK)", async () => {
    const layout = await layoutFlowGraph(graph);
    expect(layout.engine).toBe("elk");
    const x = (id: string) => layout.positions.get(id)!.x;
    expect(x("service:orders")).toBeLessThan(x("topic:orders.created"));
    expect(x("topic:orders.created")).toBeLessThan(x("service:payments"));
    expect(x("service:payments")).toBeLessThan(x("topic:payments.authorized"));
    expect(x("topic:payments.authorized")).toBeLessThan(x("service:shipping"));
    expect(layout.positions.size).toBe(graph.nodes.length);
  }, 30_000);

  it("uses the linear layered layout for 300 services and 1,000 topics", async () => {
    const big = buildFlowGraph(createSyntheticFlowInput({ services: 300, topics: 1000 }));
    const started = performance.now();
    const layout = await layoutFlowGraph(big);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(layout.engine).toBe("layered");
    expect(layout.positions.size).toBe(big.nodes.length);
  });
});

describe("layoutLayered", () => {
  const box = (id: string, isolatedLayer?: number) => ({ id, width: 100, height: 40, isolatedLayer });

  it("layers along edges, survives cycles and stacks nodes of a layer without overlap", () => {
    const layout = layoutLayered(
      [box("a"), box("t1"), box("b"), box("t2"), box("c"), box("t3", 1)],
      [
        { source: "a", target: "t1" },
        { source: "t1", target: "b" },
        { source: "b", target: "t2" },
        { source: "t2", target: "c" },
        { source: "c", target: "t1" },
        { source: "t1", target: "c" },
      ],
    );
    const at = (id: string) => layout.positions.get(id)!;
    expect(at("a").x).toBe(0);
    expect(at("t1").x).toBeGreaterThan(at("a").x);
    expect(at("b").x).toBeGreaterThan(at("t1").x);
    expect(at("t3").x).toBe(at("t1").x);
    const sameLayer = [...layout.positions.values()].filter((position) => position.x === at("t1").x);
    const ys = sameLayer.map((position) => position.y).sort((p, q) => p - q);
    for (let index = 1; index < ys.length; index++) expect(ys[index]! - ys[index - 1]!).toBeGreaterThanOrEqual(40);
  });

  it("gives the same layout for the same input", () => {
    const nodes = [box("a"), box("b"), box("c")];
    const edges = [{ source: "a", target: "b" }, { source: "a", target: "c" }];
    expect(layoutLayered(nodes, edges)).toEqual(layoutLayered(nodes, edges));
  });
});

describe("createFlowLayoutCache", () => {
  it("lays out once while only rates change, again when the set of nodes or edges changes", async () => {
    const cache = createFlowLayoutCache();
    const first = await cache.getLayout(graph);
    const faster = buildFlowGraph({ catalog, snapshot: snapshotWithRate(500), observedProducers: new Map() });
    expect(computeLayoutSignature(faster)).toBe(computeLayoutSignature(graph));
    expect(await cache.getLayout(faster)).toBe(first);
    expect(cache.countRuns()).toBe(1);

    const smaller = { ...graph, nodes: graph.nodes.filter((node) => node.id !== "topic:lonely") };
    const second = await cache.getLayout(smaller);
    expect(second).not.toBe(first);
    expect(cache.countRuns()).toBe(2);
    expect(cache.getKnownPosition("topic:lonely")).toEqual(first.positions.get("topic:lonely"));
  }, 30_000);
});
