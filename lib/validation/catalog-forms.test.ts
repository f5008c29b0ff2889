import { describe, expect, it } from "vitest";
import {
  CONTRACT_LABELS, TEAM_LABELS, contractFormSchema, diffFormValues, serviceFormSchema, teamFormSchema, toContractFormValues, toServiceFormValues,
  toTeamFormValues,
} from "@/lib/validation/catalog-forms";

const team = { slug: "commerce", name: "Commerce", description: "Orders", email: "c@shop.example", chatChannel: null, oncallUrl: "https://oncall.example/c" };
const service = {
  slug: "payments", name: "Payments", description: "", team: "commerce", tier: "critical" as const, lifecycle: "production" as const,
  repositoryUrl: null, runbookUrl: "https://runbooks.example/p", tags: ["checkout", "money"], consumerGroups: ["payments-service", "payments-replay"],
  producerHeaderValues: ["payments-v2", "payments-batch"],
  flows: [{ direction: "consumes" as const, cluster: "local", topic: "orders.created", purpose: "authorize" }],
};
const contract = {
  cluster: "local", topic: "orders.created", owner: "orders", description: "", partitions: 6, retentionMs: -1, lagObjectiveSec: 60,
  compatibility: "full" as const, classification: "pii" as const,
  valueSchema: { type: "object", properties: { orderId: { type: "string" } } }, keySchema: null, exampleMessage: { orderId: "o-1" },
};

describe("form values", () => {
  it("an untouched edit form parses back to the record it was filled from", () => {
    expect(teamFormSchema.parse(toTeamFormValues(team))).toEqual(team);
    expect(serviceFormSchema.parse(toServiceFormValues(service))).toEqual(service);
    expect(contractFormSchema.parse(toContractFormValues(contract))).toEqual(contract);
  });

  it("an empty create form has the defaults and the prefilled references", () => {
    expect(toServiceFormValues(null, { team: "commerce" })).toMatchObject({ team: "commerce", tier: "medium", lifecycle: "production", flows: [] });
    expect(toContractFormValues(null, { cluster: "local", topic: "new.topic" })).toMatchObject({ cluster: "local", topic: "new.topic", compatibility: "backward", valueSchema: "" });
  });

  it("lists the fields that differ between two versions, with their labels", () => {
    const before = toTeamFormValues(team);
    const after = toTeamFormValues({ ...team, name: "Commerce & Checkout", chatChannel: "#commerce" });
    expect(diffFormValues(before, after, TEAM_LABELS)).toEqual([
      { field: "name", label: "Name", before: "Commerce", after: "Commerce & Checkout" },
      { field: "chatChannel", label: "Chat channel", before: "", after: "#commerce" },
    ]);
    const schemaChanged = toContractFormValues({ ...contract, valueSchema: { type: "object" } });
    expect(diffFormValues(toContractFormValues(contract), schemaChanged, CONTRACT_LABELS).map((change) => change.field)).toEqual(["valueSchema"]);
  });
});
