import { describe, expect, it } from "vitest";
import { clusterFromPagePath, clusterPageHref, flowsPageHref, groupPageHref, switchClusterHref, topicPageHref } from "@/lib/page-urls";

describe("page URLs", () => {
  it("put the cluster in the path like the API", () => {
    expect(clusterPageHref("local")).toBe("/clusters/local");
    expect(clusterPageHref("eu-1", "topics")).toBe("/clusters/eu-1/topics");
    expect(topicPageHref("local", "orders.created")).toBe("/clusters/local/topics/orders.created");
    expect(flowsPageHref("local")).toBe("/clusters/local/flows");
    expect(flowsPageHref("local", { focus: "topic:a b" })).toBe("/clusters/local/flows?focus=topic%3Aa+b");
  });

  it("encode every name Kafka accepts exactly once", () => {
    const names = ["50%off", "a/b", "#x?y", "with space", "café-ü-日本", "%E0%A4%A", "%"];
    for (const name of names) {
      const href = groupPageHref("local", name);
      const last = href.split("/").pop()!;
      expect(last).not.toMatch(/[/#? ]/);
      expect(decodeURIComponent(last)).toBe(name);
    }
    expect(groupPageHref("local", "50%off")).toBe("/clusters/local/groups/50%25off");
  });

  it("read and switch the cluster of a page path", () => {
    expect(clusterFromPagePath("/clusters/eu-1/groups/x")).toBe("eu-1");
    expect(clusterFromPagePath("/catalog")).toBeNull();
    expect(clusterFromPagePath("/clusters/%E0%A4%A")).toBeNull();
    expect(switchClusterHref("/clusters/local/groups/some-group", "eu-1")).toBe("/clusters/eu-1/groups");
    expect(switchClusterHref("/clusters/local/flows", "eu-1")).toBe("/clusters/eu-1/flows");
    expect(switchClusterHref("/clusters/local", "eu-1")).toBe("/clusters/eu-1");
  });
});
