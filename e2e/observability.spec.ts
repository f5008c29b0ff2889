import { expect, test, type Page } from "@playwright/test";
import { LIVE_TIMEOUT, openWhenSampled, run, useLiveKafka } from "./support/live-kafka";

// Runs against the app started by scripts/test.ts on a real broker with the demo simulator. The
// topics and groups this spec asserts exact numbers on are its own, with per-run names.

const XSS_VALUE = "<img src=x onerror=alert(1)>";

const kafka = useLiveKafka("e2e-observability");

test.describe("observability", () => {
  test.setTimeout(180_000);

  test("the slow demo consumer is WARNING, with a rising lag chart", async ({ page }) => {
    await page.goto("/clusters/local/groups");
    const row = page.getByTestId("group-row-fraud-detection");
    await expect(row.getByTestId("status-badge").first()).toHaveAttribute("data-status", "WARNING", { timeout: LIVE_TIMEOUT });

    await row.getByRole("link", { name: "fraud-detection", exact: true }).click();
    await expect(page).toHaveURL(/\/clusters\/local\/groups\/fraud-detection$/);
    await expect(page.getByTestId("group-title")).toHaveText("fraud-detection");
    await expect(page.getByTestId("status-reason")).toContainText(/lag rose from \d+ to \d+ over \d+s without falling/);
    const chart = page.getByTestId("group-lag-chart");
    await expect(chart).toBeVisible({ timeout: LIVE_TIMEOUT });
    await expect(chart.locator(".recharts-line-curve").first()).toBeVisible();
    const [first, last] = [Number(await chart.getAttribute("data-first")), Number(await chart.getAttribute("data-last"))];
    expect(Number(await chart.getAttribute("data-points"))).toBeGreaterThanOrEqual(2);
    expect(last, `lag chart from ${first} to ${last}`).toBeGreaterThan(first);
  });

  test("a group's page shows the lag this test caused on each partition", async ({ page }) => {
    const topic = `e2e.lag.${run}`;
    const groupId = `e2e-lag-${run}`;
    kafka.trackGroup(groupId);
    await kafka.createTopic(topic, 2);
    // 10 messages on each partition; the group committed 4 on partition 0 and 7 on partition 1.
    for (const partition of [0, 1]) {
      await kafka.producer.send({ topic, acks: -1, messages: Array.from({ length: 10 }, (_, index) => ({ partition, value: `m${index}` })) });
    }
    await kafka.admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: "4" }, { partition: 1, offset: "7" }] });

    await openWhenSampled(page, `/clusters/local/groups/${encodeURIComponent(groupId)}`, async () =>
      (await page.getByTestId("group-lag").textContent({ timeout: 5_000 }).catch(() => null)) === "9",
    );
    await expect(page.getByTestId("group-lag")).toHaveText("9");
    await expect(page.getByTestId(`partition-${topic}-0`).getByTestId("partition-lag")).toHaveText("6");
    await expect(page.getByTestId(`partition-${topic}-1`).getByTestId("partition-lag")).toHaveText("3");
    await expect(page.getByTestId("group-members")).toHaveCount(0);
  });

  test("the message browser shows a produced message, and renders HTML in it as text", async ({ page }) => {
    const topic = `e2e.messages.${run}`;
    await kafka.createTopic(topic, 1);
    await kafka.producer.send({
      topic,
      acks: -1,
      messages: [
        { partition: 0, key: "order-1", value: JSON.stringify({ orderId: "order-1", total: 42 }), headers: { "x-producer": "e2e" } },
        { partition: 0, key: "xss", value: XSS_VALUE },
      ],
    });
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    await openWhenSampled(page, `/clusters/local/topics/${encodeURIComponent(topic)}`, async () =>
      (await page.getByTestId("topic-title").textContent({ timeout: 5_000 }).catch(() => null)) === topic,
    );
    const browser = page.getByTestId("message-browser");
    await browser.getByTestId("load-messages").click();
    const rows = browser.getByTestId("message-row");
    await expect(rows).toHaveCount(2);

    const values = browser.getByTestId("message-value");
    await expect(values.filter({ hasText: "orderId" })).toContainText('"total": 42');
    await expect(rows.filter({ hasText: "order-1" })).toContainText("x-producer: e2e");
    await expect(values.filter({ hasText: "onerror" })).toHaveText(XSS_VALUE);
    // Rendered as text: no element was made from it, and no script ran.
    await expect(browser.locator("img")).toHaveCount(0);
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
  });
});
