import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { allowOfflinePartitions } from "@/lib/kafka/offline-partitions";

const require = createRequire(import.meta.url);
const LEADER_NOT_AVAILABLE = 5;
const UNKNOWN_TOPIC_OR_PARTITION = 3;

const response = (topicErrorCode: number, partitionErrorCode: number) => ({
  brokers: [{ nodeId: 1, host: "127.0.0.1", port: 9092 }],
  topicMetadata: [
    {
      topic: "orders",
      topicErrorCode,
      partitionMetadata: [
        { partitionId: 0, partitionErrorCode: 0, leader: 1, replicas: [1], isr: [1] },
        { partitionId: 1, partitionErrorCode, leader: -1, replicas: [2], isr: [] },
      ],
    },
  ],
});

describe("allowOfflinePartitions", () => {
  for (const version of [4, 5, 6]) {
    const { parse } = require(`kafkajs/src/protocol/requests/metadata/v${version}/response`);

    it(`keeps a leaderless partition inside the scope and leaves kafkajs as shipped outside (v${version})`, async () => {
      await expect(parse(response(0, LEADER_NOT_AVAILABLE))).rejects.toMatchObject({ type: "LEADER_NOT_AVAILABLE" });
      const parsed = (await allowOfflinePartitions(() => parse(response(0, LEADER_NOT_AVAILABLE)))) as ReturnType<typeof response>;
      expect(parsed.topicMetadata[0]!.partitionMetadata.map((partition: { leader: number }) => partition.leader)).toEqual([1, -1]);
      // A whole topic's error still fails.
      await expect(allowOfflinePartitions(() => parse(response(UNKNOWN_TOPIC_OR_PARTITION, 0)))).rejects.toMatchObject({ type: "UNKNOWN_TOPIC_OR_PARTITION" });
    });
  }
});
