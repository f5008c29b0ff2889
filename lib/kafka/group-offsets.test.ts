import { describe, expect, it } from "vitest";
import { describeUnreadGroups } from "@/lib/kafka/group-offsets";

describe("describeUnreadGroups", () => {
  it("names the coordinator's answer for one group", () => {
    expect(describeUnreadGroups([["orders", 16]])).toBe('could not read 1 consumer group at their coordinators ("orders": NOT_COORDINATOR)');
  });

  it("names three groups, quoted as JSON so that hostile names stay on one line, and counts the rest", () => {
    expect(describeUnreadGroups([["a/%", 14], ["line\nbreak", 15], ["ç", 99], ["d", 16], ["e", 16]])).toBe(
      'could not read 5 consumer groups at their coordinators ("a/%": COORDINATOR_LOAD_IN_PROGRESS, "line\\nbreak": COORDINATOR_NOT_AVAILABLE, "ç": error 99 and 2 more)',
    );
  });
});
