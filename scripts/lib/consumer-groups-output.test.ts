import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseConsumerGroupsDescribe } from "./consumer-groups-output";

// Captured from Kafka 4.3.1's kafka-consumer-groups against the demo simulator.
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("parseConsumerGroupsDescribe", () => {
  const allGroups = parseConsumerGroupsDescribe(fixture("kafka-4.3.1-describe-all-groups.stdout.txt"));

  it("reads one row per partition of every group's table", () => {
    expect(allGroups).toHaveLength(38);
    expect(new Set(allGroups.map((row) => row.group))).toEqual(
      new Set([
        "analytics-etl", "fraud-detection", "inventory-service", "legacy-reporting",
        "notifications-service", "payments-service", "shipping-service",
      ]),
    );
  });

  it("reads offsets, lag and the owning member", () => {
    const row = allGroups.find((r) => r.group === "fraud-detection" && r.partition === 2);
    expect(row).toEqual({
      group: "fraud-detection",
      topic: "orders.created",
      partition: 2,
      currentOffset: 30,
      logEndOffset: 57,
      lag: 27,
      consumerId: "fraud-detection-c5a7b576-2ea3-476a-946f-0acb0ab32214",
      host: "/127.0.0.1",
      clientId: "fraud-detection",
    });
  });

  it("maps '-' to null for a group without active members", () => {
    const rows = allGroups.filter((r) => r.group === "analytics-etl");
    expect(rows).toHaveLength(9);
    expect(rows.every((r) => r.consumerId === null && r.host === null && r.clientId === null)).toBe(true);
    expect(rows.find((r) => r.topic === "payments.authorized" && r.partition === 2)).toMatchObject({
      currentOffset: 36, logEndOffset: 104, lag: 68,
    });
  });

  it("maps a partition without a committed offset to null offset and lag", () => {
    const rows = parseConsumerGroupsDescribe(fixture("kafka-4.3.1-describe-idle-group.stdout.txt"));
    const idle = rows.filter((r) => r.group === "probe-idle");
    expect(idle).toHaveLength(2);
    expect(idle[0]).toMatchObject({ topic: "probe.empty", currentOffset: null, logEndOffset: 0, lag: null, clientId: "probe-idle" });
    expect(rows.filter((r) => r.group === "analytics-etl")).toHaveLength(9);
  });

  it("skips status lines, errors and member rows without a partition", () => {
    const stdout = [
      "Consumer group 'old' has no active members.",
      "",
      "GROUP  TOPIC  PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG  CONSUMER-ID  HOST  CLIENT-ID",
      "g      -      -          -               -               -    member-1     /10.0.0.1  my client",
      "g      t      0          5               7               2    member-1     /10.0.0.1  my client",
      "Error: Consumer group 'nope' does not exist.",
    ].join("\n");
    expect(parseConsumerGroupsDescribe(stdout)).toEqual([
      {
        group: "g", topic: "t", partition: 0, currentOffset: 5, logEndOffset: 7, lag: 2,
        consumerId: "member-1", host: "/10.0.0.1", clientId: "my client",
      },
    ]);
  });

  it("returns nothing for empty output", () => {
    expect(parseConsumerGroupsDescribe("")).toEqual([]);
  });
});
