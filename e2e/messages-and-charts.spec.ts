import { expect, test, type Locator, type Page } from "@playwright/test";
import { groupPageHref, topicPageHref } from "../lib/page-urls";
import { createTopicsWithLeaders } from "../scripts/lib/create-topics";
import { LIVE_TIMEOUT, openWhenSampled, run, useLiveKafka } from "./support/live-kafka";
import { withDatabase } from "./support/sign-in";

// Runs against the app scripts/test.ts starts on the real broker with the demo traffic. Issue 10:
// a record bigger than one fetch shows as a row (size, preview, download) among small ones, long
// values start collapsed, and chart axis labels never repeat.

const MIB = 1024 * 1024;
/** The one place that knows where a page lives, so a URL change is one edit here. */
const topicPage = (topic: string) => topicPageHref("local", topic);
const groupPage = (groupId: string) => groupPageHref("local", groupId);

const kafka = useLiveKafka("e2e-messages-and-charts");

/** Opens a topic's page once the collector has sampled the topic (the page is a 404 before). */
async function openTopic(page: Page, topic: string) {
  await expect
    .poll(async () => (await page.request.get(`/api/clusters/local/topics/${encodeURIComponent(topic)}`)).status(), {
      timeout: LIVE_TIMEOUT,
      intervals: [500],
    })
    .toBe(200);
  await page.goto(topicPage(topic));
  await expect(page.getByTestId("topic-title")).toHaveText(topic);
}

/** The tick labels of one axis ("left", "right" or "time") as the browser drew them. */
async function tickLabels(chart: Locator, axis: string): Promise<string[]> {
  return (await chart.locator(`text.chart-tick-${axis}`).allTextContents()).map((text) => text.trim());
}

/** The rate a value label starts with, whether or not its unit is on the same line: "1.5k…" → 1500. */
function labelRate(label: string): number {
  const match = /^(\d+(?:\.\d+)?)(k?)/.exec(label);
  return match ? Number(match[1]) * (match[2] ? 1_000 : 1) : 0;
}

test.describe("message browser and charts", () => {
  test.setTimeout(180_000);

  test("a 2 MiB record is a row with its size and a download among small ones; a long value starts collapsed", async ({ page }) => {
    const topic = `e2e.big.${run}`;
    kafka.trackTopic(topic);
    await createTopicsWithLeaders(kafka.admin, [
      { topic, numPartitions: 1, replicationFactor: 1, configEntries: [{ name: "max.message.bytes", value: String(3 * MIB) }] },
    ]);
    const big = Buffer.alloc(2 * MIB, "b");
    const longJson = JSON.stringify({ lines: Array.from({ length: 30 }, (_, index) => `entry-${index}`) });
    for (const message of [
      { key: "small-before", value: Buffer.from("small before") },
      { key: "big", value: big },
      { key: "small-after", value: Buffer.from("small after") },
      { key: "long", value: Buffer.from(longJson) },
    ]) {
      await kafka.producer.send({ topic, acks: -1, messages: [{ partition: 0, ...message }] });
    }

    await openTopic(page, topic);
    await expect(page.getByText("1 partition · replication factor 1", { exact: true })).toBeVisible();
    const browser = page.getByTestId("message-browser");
    await browser.getByTestId("load-messages").click();
    const rows = browser.getByTestId("message-row");
    await expect(rows).toHaveCount(4);
    // Newest first: long (3), small-after (2), big (1), small-before (0).
    await expect(rows.nth(1)).toContainText("small after");
    await expect(rows.nth(3)).toContainText("small before");

    const bigRow = rows.nth(2);
    await expect(bigRow).toContainText("big");
    await expect(bigRow.getByTestId("value-size")).toHaveText("2.0 MiB");
    const download = bigRow.getByTestId("download-value");
    await expect(download).toHaveText("Download");
    const href = await download.getAttribute("href");
    expect(href).toBe(`/api/clusters/local/topics/${encodeURIComponent(topic)}/messages/0/1/value`);
    await expect(download).toHaveAttribute("download", "");
    // The link is served as an attachment, never rendered: fetch it as the browser would.
    const served = await page.request.get(href!);
    expect(served.status()).toBe(200);
    expect(served.headers()["content-disposition"]).toBe(`attachment; filename="${topic}-0-1.bin"`);
    expect(served.headers()["content-type"]).toBe("application/octet-stream");
    expect((await served.body()).equals(big)).toBe(true);
    // Only small rows have no download.
    await expect(browser.getByTestId("download-value")).toHaveCount(1);

    // The long JSON (34 lines pretty-printed) starts collapsed to its first lines, and expands.
    const longValue = rows.nth(0).getByTestId("message-value");
    await expect(longValue).toHaveAttribute("data-collapsed", "true");
    await expect(longValue).toContainText('"entry-0"');
    await expect(longValue).not.toContainText('"entry-29"');
    const toggle = rows.nth(0).getByTestId("toggle-value");
    await expect(toggle).toHaveText("Show all (34 lines)");
    await toggle.click();
    await expect(longValue).toHaveAttribute("data-collapsed", "false");
    await expect(longValue).toContainText('"entry-29"');
    // The big value's preview is collapsed too: one page does not carry 64 KiB of text open.
    await expect(bigRow.getByTestId("message-value")).toHaveAttribute("data-collapsed", "true");
  });

  // orders.created runs at a few msg/s; inventory.low-stock at a fraction of one, where labels
  // such as "0.1 msg/s" used to repeat.
  for (const topic of ["orders.created", "inventory.low-stock"]) {
    test(`${topic}: the throughput chart has distinct value labels and seconds on a 15-minute range`, async ({ page }) => {
      await openTopic(page, topic);
      await page.getByRole("group", { name: "Time range" }).getByRole("button", { name: "15m" }).click();
      const chart = page.getByTestId("topic-throughput-chart");
      await expect(chart).toBeVisible({ timeout: LIVE_TIMEOUT });
      await expect(chart.locator("text.chart-tick-left").first()).toBeVisible();

      const values = await tickLabels(chart, "left");
      expect(values.length, values.join(" | ")).toBeGreaterThanOrEqual(2);
      expect(new Set(values).size, values.join(" | ")).toBe(values.length);
      for (const label of values) expect(label).toMatch(/^\d+(\.\d+)?k? msg\/s$/);

      const times = await tickLabels(chart, "time");
      expect(times.length, times.join(" | ")).toBeGreaterThanOrEqual(2);
      expect(new Set(times).size, times.join(" | ")).toBe(times.length);
      for (const label of times) expect(label).toMatch(/^\d\d:\d\d:\d\d$/);
    });
  }

  // CI once read "100msg/s": recharts wraps a tick label wider than it measures the axis to be into
  // one <tspan> per word, so "100 msg/s" drew as two lines. A burst of 2,000 records after the first
  // sample makes a rate of hundreds or thousands of msg/s, whose labels are the widest the axis shows.
  test("a topic written in a burst: every value label of its chart is one line with its unit", async ({ page }) => {
    const topic = `e2e.burst.${run}`;
    await kafka.createTopic(topic, 1);
    await openTopic(page, topic);
    await kafka.producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: 2_000 }, (_, index) => ({ key: `k${index}`, value: `burst-${index}` })),
    });
    await page.getByRole("group", { name: "Time range" }).getByRole("button", { name: "15m" }).click();
    const chart = page.getByTestId("topic-throughput-chart");
    const ticks = chart.locator("text.chart-tick-left");
    // The top label reaches 100 msg/s once the collector has sampled the burst (the page refetches).
    await expect
      .poll(async () => labelRate((await ticks.last().textContent({ timeout: 1_000 }).catch(() => null)) ?? ""), {
        timeout: LIVE_TIMEOUT,
        intervals: [1_000],
      })
      .toBeGreaterThanOrEqual(100);

    const values = await tickLabels(chart, "left");
    expect(values.length, values.join(" | ")).toBeGreaterThanOrEqual(2);
    for (const label of values) expect(label).toMatch(/^\d+(\.\d+)?k? msg\/s$/);
    // One line each: no label split into several <tspan>s.
    const lines = await ticks.evaluateAll((texts) => texts.map((text) => text.querySelectorAll("tspan").length));
    expect(lines.every((count) => count <= 1), lines.join(",")).toBe(true);
  });

  test("a group's lag chart has distinct labels on both value axes", async ({ page }) => {
    await page.goto(groupPage("fraud-detection"));
    const chart = page.getByTestId("group-lag-chart");
    await expect(chart).toBeVisible({ timeout: LIVE_TIMEOUT });
    await expect(chart.locator("text.chart-tick-right").first()).toBeVisible();
    for (const axis of ["left", "right", "time"]) {
      const labels = await tickLabels(chart, axis);
      expect(labels.length, `${axis}: ${labels.join(" | ")}`).toBeGreaterThanOrEqual(2);
      expect(new Set(labels).size, `${axis}: ${labels.join(" | ")}`).toBe(labels.length);
    }
  });

  test("a group's lag chart breaks where no sample was taken, rather than drawing a line across it", async ({ page }) => {
    const topic = `e2e.gap.${run}`;
    const groupId = `e2e-gap-${run}`;
    kafka.trackGroup(groupId);
    await kafka.createTopic(topic, 1);
    await kafka.producer.send({ topic, acks: -1, messages: Array.from({ length: 10 }, (_, index) => ({ partition: 0, value: `m${index}` })) });
    await kafka.admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: "4" }] });
    // Five samples half an hour ago, one collector interval apart, with a lag of 111: what a
    // collector that then stopped for half an hour left in the history.
    const intervalMs = Number(process.env.TEST_COLLECTOR_INTERVAL_MS);
    const firstAt = Date.now() - 30 * 60_000;
    await withDatabase((client) =>
      client.query(
        `INSERT INTO "GroupMetric" ("cluster", "groupId", "topic", "resolution", "at", "lagSum", "lagMax", "timeLagSec", "consumedPerSec", "status")
         SELECT 'local', $1, '', 0, to_timestamp(($2::bigint + n * $3::bigint) / 1000.0) AT TIME ZONE 'UTC', 111, 111, 30, 0, 'OK' FROM generate_series(0, 4) AS n`,
        [groupId, firstAt, intervalMs],
      ),
    );

    // Until the collector has written three samples of its own (lag 10 - 4 = 6) after the five.
    const chart = page.getByTestId("group-lag-chart");
    await openWhenSampled(page, groupPage(groupId), async () => Number(await chart.getAttribute("data-points", { timeout: 5_000 })) >= 8);
    expect([await chart.getAttribute("data-first"), await chart.getAttribute("data-last")]).toEqual(["111", "6"]);
    // The lag line: one subpath per stretch of samples. The first stretch is the five old samples
    // (a monotone curve through n points is a move and n - 1 Béziers), flat at 111; the line then
    // starts anew at the collector's own samples instead of sloping across the half hour.
    const path = (await chart.locator(".recharts-line-curve").first().getAttribute("d")) ?? "";
    const stretches = path.split("M").filter(Boolean);
    expect(stretches.length, path).toBeGreaterThanOrEqual(2);
    expect(stretches[0]!.match(/C/g), stretches[0]).toHaveLength(4);
    const ys = new Set(stretches[0]!.split(/[C,\s]+/).filter(Boolean).filter((_, index) => index % 2 === 1));
    expect(ys.size, stretches[0]).toBe(1);
  });
});
