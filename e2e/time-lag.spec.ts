import { expect, test, type Page } from "@playwright/test";
import { clusterPageHref, groupPageHref, topicPageHref } from "../lib/page-urls";
import { LIVE_TIMEOUT, openWhenSampled, run, useLiveKafka } from "./support/live-kafka";

// Runs against the app started by scripts/test.ts on a real broker. Time lag as the pages show it:
// exact (the next record's own timestamp) or estimated ("≈"), and partitions without a commit.

const groupPage = (groupId: string) => groupPageHref("local", groupId);
const topicPage = (topic: string) => topicPageHref("local", topic);
const groupsPage = clusterPageHref("local", "groups");

const kafka = useLiveKafka("e2e-time-lag");

test.describe("time lag on the pages", () => {
  test.setTimeout(180_000);

  test("a partition without a commit is labelled and counted; an exact time lag has no ≈", async ({ page }) => {
    const topic = `e2e.nocommit.${run}`;
    const groupId = `e2e-nocommit-${run}`;
    kafka.trackGroup(groupId);
    await kafka.createTopic(topic, 3);
    // Every record five minutes old; 10 per partition. Commits on partitions 0 and 1 only.
    const fiveMinutesAgo = Date.now() - 300_000;
    for (const partition of [0, 1, 2]) {
      await kafka.producer.send({
        topic,
        acks: -1,
        messages: Array.from({ length: 10 }, (_, index) => ({ partition, value: `m${index}`, timestamp: String(fiveMinutesAgo) })),
      });
    }
    await kafka.admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: "4" }, { partition: 1, offset: "7" }] });

    // 6 + 3 + 10 (partition 2 counts end − start) = 19, once the record timestamps were read.
    await openWhenSampled(
      page,
      groupPage(groupId),
      async () =>
        (await page.getByTestId("group-lag").textContent()) === "19" &&
        (await page.getByTestId("group-time-lag").locator("[data-estimated]").getAttribute("data-estimated")) === "false",
    );
    const noCommit = page.getByTestId(`partition-${topic}-2`);
    await expect(noCommit.getByTestId("partition-no-commit")).toHaveText("no commit");
    await expect(noCommit.getByTestId("partition-lag")).toHaveText("10");
    await expect(page.getByTestId(`partition-${topic}-0`).getByTestId("partition-committed")).toHaveText("4");
    await expect(page.getByTestId(`partition-${topic}-0`).getByTestId("partition-no-commit")).toHaveCount(0);
    await expect(page.getByTestId(`group-topic-${topic}`).getByTestId("topic-lag")).toHaveText("19");
    // Five minutes and some seconds (six on a slow run), exact: no "≈" and no estimate tooltip.
    await expect(page.getByTestId("group-time-lag")).toHaveText(/^[56]m \d+s$/);
    await expect(noCommit.getByTestId("partition-time-lag")).toHaveText(/^[56]m \d+s$/);
    await expect(noCommit.getByTestId("partition-time-lag")).not.toHaveAttribute("title", /.+/);
  });

  test("a time lag estimated from end offsets carries ≈ and says why, on every page that shows it", async ({ page }) => {
    const topic = `e2e.estimate.${run}`;
    const groupId = `e2e-estimate-${run}`;
    kafka.trackGroup(groupId);
    await kafka.createTopic(topic, 1);
    // Records without a timestamp (-1): nothing exact to read, so the collector estimates.
    await kafka.producer.send({ topic, acks: -1, messages: Array.from({ length: 5 }, (_, index) => ({ partition: 0, value: `m${index}`, timestamp: "-1" })) });
    await kafka.admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: "2" }] });

    await openWhenSampled(page, groupPage(groupId), async () => (await page.getByTestId("group-time-lag").textContent())?.startsWith("≈ ") === true);
    const estimate = page.getByTestId(`partition-${topic}-0`).getByTestId("partition-time-lag");
    await expect(estimate).toHaveAttribute("data-estimated", "true");
    await expect(estimate).toHaveText(/^≈ \d+/);
    await expect(estimate).toHaveAttribute("title", /estimate.*sampled end offsets/i);
    await expect(page.getByTestId(`group-topic-${topic}`).getByTestId("topic-time-lag")).toHaveText(/^≈ /);

    await page.goto(groupsPage);
    await page.getByLabel("Filter groups by id").fill(groupId);
    const row = page.getByTestId(`group-row-${groupId}`);
    await expect(row.getByTestId("group-row-time-lag")).toHaveText(/^≈ /, { timeout: LIVE_TIMEOUT });
    await expect(row.getByTestId("group-row-time-lag")).toHaveAttribute("data-estimated", "true");

    await page.goto(topicPage(topic));
    const reader = page.getByTestId(`reader-${groupId}`).getByTestId("reader-time-lag");
    await expect(reader).toHaveText(/^≈ /, { timeout: LIVE_TIMEOUT });
    await expect(reader).toHaveAttribute("title", /estimate/i);
  });
});
