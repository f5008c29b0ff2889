import { describe, expect, it } from "vitest";
import { buildFlowGraph } from "@/lib/flow/build-flow-graph";
import { listDrift } from "@/lib/flow/drift";
import { buildFlowHref } from "@/lib/flow/links";
import { makeCatalog, makeGroup, makeService, makeSnapshot, makeTopic } from "@/lib/flow/testing";

const catalog = makeCatalog({
  services: [
    makeService("orders"),
    makeService("payments", { consumerGroups: ["payments-service"] }),
    makeService("fraud", { name: "Fraud detection", consumerGroups: ["fraud-detection"] }),
  ],
  contracts: [{ cluster: "local", topic: "orders.created", ownerServiceSlug: "orders", lagObjectiveSec: 30 }],
  flows: [
    { serviceSlug: "orders", topic: "orders.created", direction: "produces" },
    { serviceSlug: "payments", topic: "orders.created", direction: "consumes" },
    { serviceSlug: "fraud", topic: "orders.created", direction: "consumes" },
  ],
});

const snapshot = makeSnapshot(
  [makeTopic("orders.created", 10), makeTopic("clicks", 3)],
  [
    makeGroup("payments-service", [{ topic: "orders.created" }]),
    makeGroup("fraud-detection", [{ topic: "orders.created", status: "STOPPED", timeLagSeconds: 300 }], "no commits"),
    makeGroup("legacy-reporting", [{ topic: "orders.created" }]),
  ],
);

describe("listDrift", () => {
  const graph = buildFlowGraph({ catalog, snapshot, observedProducers: new Map() });
  const drift = listDrift(graph);

  it("lists every item that is not declared, observed and healthy, worst first", () => {
    expect(drift.map((item) => [item.elementId, item.kind, item.severity])).toEqual([
      ["topic:orders.created->service:fraud", "lag-over-objective", "danger"],
      ["topic:orders.created->service:fraud", "unhealthy", "danger"],
      ["topic:clicks", "unowned-topic", "warning"],
      ["group:legacy-reporting", "undocumented", "warning"],
    ]);
  });

  it("links each item to where it can be fixed, on that cluster's pages", () => {
    const byKind = new Map(drift.map((item) => [`${item.elementId}#${item.kind}`, item.href]));
    expect(byKind.get("group:legacy-reporting#undocumented")).toBe("/clusters/local/groups/legacy-reporting");
    expect(byKind.get("topic:clicks#unowned-topic")).toBe("/catalog/contracts/new?cluster=local&topic=clicks");
    expect(byKind.get("topic:orders.created->service:fraud#unhealthy")).toBe("/clusters/local/groups/fraud-detection");
  });

  it("does not list an unmapped group's edge again beside the group itself", () => {
    expect(drift.some((item) => item.elementId === "topic:orders.created->group:legacy-reporting")).toBe(false);
  });

  it("titles edges with their ends' labels", () => {
    expect(drift[0]!.title).toBe("orders.created → Fraud detection");
  });
});

describe("buildFlowHref", () => {
  it("encodes names once and puts the cluster in the path of cluster pages", () => {
    expect(buildFlowHref({ kind: "topic", name: "a/b c" }, "eu-1")).toBe("/clusters/eu-1/topics/a%2Fb%20c");
    expect(buildFlowHref({ kind: "group", groupId: "50%off #1?/é" }, "local")).toBe("/clusters/local/groups/50%25off%20%231%3F%2F%C3%A9");
    expect(buildFlowHref({ kind: "service", slug: "payments" }, "local")).toBe("/catalog/services/payments?cluster=local");
    expect(buildFlowHref({ kind: "contract", topic: "orders.created" }, "local")).toBe(
      "/catalog/contracts/local/orders.created?cluster=local",
    );
    expect(buildFlowHref({ kind: "new-service", slug: "mystery" }, "local")).toBe(
      "/catalog/services/new?cluster=local&slug=mystery",
    );
  });
});
