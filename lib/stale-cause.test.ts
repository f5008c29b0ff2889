import { describe, expect, it } from "vitest";
import { staleCause } from "@/lib/stale-cause";

describe("staleCause", () => {
  it("says Kafka is unreachable only when no broker answered", () => {
    expect(staleCause("cannot reach Kafka at 127.0.0.1:9092 (Connection error: connect ECONNREFUSED 127.0.0.1:9092)")).toBe("Kafka is unreachable");
    expect(staleCause(null)).toBe("Kafka is unreachable");
  });

  it("calls an answer with an error a failed read, even when a group's name looks like a connection error", () => {
    expect(staleCause("Kafka rejected the credentials for cluster secured (SCRAM-SHA-512 user 'tributary')")).toBe("Reading Kafka failed");
    expect(staleCause('could not read 1 consumer group at their coordinators ("cannot reach Kafka": NOT_COORDINATOR)')).toBe("Reading Kafka failed");
  });

  it("says the collector is down whatever its last reason was", () => {
    expect(staleCause("cannot reach Kafka at 127.0.0.1:9092", true)).toBe("The collector is down");
  });
});
