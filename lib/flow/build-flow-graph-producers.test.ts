import { describe, expect, it } from "vitest";
import type { TopicConformance } from "@/lib/collector/types";
import { buildFlowGraph } from "@/lib/flow/build-flow-graph";
import { listDrift } from "@/lib/flow/drift";
import { makeCatalog, makeService, makeSnapshot, makeTopic } from "@/lib/flow/testing";
import type { ObservedProducers } from "@/lib/flow/types";

function find<T extends { id: string }>(items: T[], id: string): T {
  const found = items.find((item) => item.id === id);
  if (!found) throw new Error(`no ${id} in ${items.map((item) => item.id).join(", ")}`);
  return found;
}

// payments writes "payments-v2" and "payments-batch" (declared values); ledger declares none, so its slug.
const catalog = makeCatalog({
  services: [
    makeService("payments", { producerHeaderValues: ["payments-v2", "payments-batch"] }),
    makeService("ledger"),
    makeService("refunds"),
  ],
  contracts: [{ cluster: "local", topic: "payments.authorized", ownerServiceSlug: "payments", lagObjectiveSec: null }],
  flows: [
    { serviceSlug: "payments", topic: "payments.authorized", direction: "produces" },
    { serviceSlug: "refunds", topic: "payments.authorized", direction: "produces" },
  ],
});

// 20 records sampled: 8 + 4 from payments, 2 from ledger (undeclared), 2 from "cron-job" (no service), 4 without header.
const sampled: ObservedProducers = new Map([
  [
    "payments.authorized",
    new Map<string | null, number>([
      ["payments-v2", 8],
      ["payments-batch", 4],
      ["ledger", 2],
      ["cron-job", 2],
      [null, 4],
    ]),
  ],
]);

const conformance: TopicConformance = {
  topic: "payments.authorized",
  contractVersion: 3,
  checked: 20,
  violations: 5,
  byProducer: [
    { value: "payments-v2", checked: 8, violations: 1 },
    { value: "payments-batch", checked: 4, violations: 2 },
    { value: "ledger", checked: 2, violations: 0 },
    { value: "cron-job", checked: 2, violations: 1 },
    { value: null, checked: 4, violations: 1 },
  ],
  latestViolations: [],
};

function build() {
  const snapshot = { ...makeSnapshot([makeTopic("payments.authorized", 50)], []), conformance: [conformance] };
  return buildFlowGraph({ catalog, snapshot, observedProducers: sampled });
}

describe("buildFlowGraph: observed producers by header value", () => {
  it("maps declared header values to their service and estimates the rate from the share of the sample", () => {
    const graph = build();
    expect(find(graph.edges, "service:payments->topic:payments.authorized")).toMatchObject({
      classification: "declared-observed",
      rate: 30, // 12 of 20 records × 50 msg/s
      rateSource: "producer-sample",
      sample: { records: 12, sampledRecords: 20 },
      conformance: { checked: 12, violations: 3 },
    });
    // A service without declared values is matched by its slug.
    expect(find(graph.edges, "service:ledger->topic:payments.authorized")).toMatchObject({
      classification: "observed-not-declared",
      rate: 5,
      sample: { records: 2, sampledRecords: 20 },
      conformance: { checked: 2, violations: 0 },
      issues: [expect.objectContaining({ kind: "undocumented" })],
    });
    // payments' slug is not one of its values: records saying "payments" would be an unknown producer.
    expect(graph.nodes.some((node) => node.id === "producer:payments")).toBe(false);
  });

  it("turns a value no service declares into an unknown-producer node with a drift entry", () => {
    const graph = build();
    expect(find(graph.nodes, "producer:cron-job")).toMatchObject({
      kind: "unmapped-producer",
      classification: "observed-not-declared",
      violations: 1,
      issues: [
        {
          kind: "undocumented",
          reason: 'records on payments.authorized carry producer "cron-job", which no catalog service declares',
          link: { kind: "new-service", slug: "cron-job" },
        },
      ],
    });
    expect(find(graph.edges, "producer:cron-job->topic:payments.authorized")).toMatchObject({ rate: 5, classification: "observed-not-declared" });
    const drift = listDrift(graph).map((item) => [item.elementId, item.kind]);
    expect(drift).toContainEqual(["producer:cron-job", "undocumented"]);
    // Its edge's own "undocumented" is left out (the node says it), its violations are not.
    expect(drift).not.toContainEqual(["producer:cron-job->topic:payments.authorized", "undocumented"]);
    expect(drift).toContainEqual(["producer:cron-job->topic:payments.authorized", "contract-violations"]);
  });

  it("keeps records without the header as the topic's unattributed share, with their own violations", () => {
    const topic = find(build().nodes, "topic:payments.authorized");
    expect(topic).toMatchObject({
      producerSample: { sampledRecords: 20, unattributedRecords: 4, unattributedRate: 10 },
      conformance: { checked: 20, violations: 5 },
      violations: 5,
      issues: [
        {
          kind: "contract-violations",
          reason: "1 of 4 sampled records without a producer header break the contract of payments.authorized",
          link: { kind: "topic", name: "payments.authorized" },
        },
      ],
    });
  });

  it("calls a declared producer none of whose values was sampled 'declared only', mentioning the unattributed records", () => {
    const refunds = find(build().edges, "service:refunds->topic:payments.authorized");
    expect(refunds).toMatchObject({ classification: "declared-not-observed", rate: 0, rateSource: "none" });
    expect(refunds.issues).toEqual([
      {
        kind: "not-observed",
        reason: "not among the producers of 20 sampled recent messages on payments.authorized (4 carried no producer header)",
        link: { kind: "service", slug: "refunds" },
      },
    ]);
  });

  it("marks edges and service nodes whose sampled records broke the contract, as warnings in the drift list", () => {
    const graph = build();
    const payments = find(graph.edges, "service:payments->topic:payments.authorized");
    expect(payments.issues).toEqual([
      {
        kind: "contract-violations",
        reason: "3 of 12 sampled records from Payments break the contract of payments.authorized",
        link: { kind: "topic", name: "payments.authorized" },
      },
    ]);
    expect(find(graph.nodes, "service:payments").violations).toBe(3);
    expect(find(graph.nodes, "service:ledger").violations).toBeUndefined();
    const item = listDrift(graph).find((entry) => entry.id === "service:payments->topic:payments.authorized#contract-violations");
    expect(item).toMatchObject({ severity: "warning", title: "Payments → payments.authorized", href: "/clusters/local/topics/payments.authorized" });
  });

  it("falls back to an even split between declared producers when only header-less records were sampled", () => {
    const snapshot = makeSnapshot([makeTopic("payments.authorized", 50)], []);
    const onlyUnattributed: ObservedProducers = new Map([["payments.authorized", new Map<string | null, number>([[null, 10]])]]);
    const graph = buildFlowGraph({ catalog, snapshot, observedProducers: onlyUnattributed });
    for (const id of ["service:payments->topic:payments.authorized", "service:refunds->topic:payments.authorized"]) {
      expect(find(graph.edges, id)).toMatchObject({ classification: "declared-observed", rate: 25, rateSource: "declared-split" });
    }
    expect(find(graph.nodes, "topic:payments.authorized")).toMatchObject({
      producerSample: { sampledRecords: 10, unattributedRecords: 10, unattributedRate: 50 },
    });
  });
});
