import { expect, test, type Page } from "@playwright/test";
import { useLiveKafka } from "./support/live-kafka";
import {
  createScenarioCatalog,
  planScenario,
  produceScenarioRecords,
  readWhenAllChecked,
  waitForContractInForce,
} from "../tests/support/observed-producers";

// Issue 13 in Chromium, on the real stack scripts/test.ts starts: the same scenario as
// tests/observed-producers.test.ts (catalog through the API, records from Kafka's console
// producer, per-run names), then the topic page and the flow graph show what the API counted.
// Test ids: .scratch/issue13-testids.md (written by the flow/UI side).

const scenario = planScenario(`e2e${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`);
const { topic, declaredService, headerService, headerValue, unknownValue } = scenario;
const kafka = useLiveKafka("observed-producers-e2e");
let deleteCatalog: (() => Promise<void>) | undefined;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await kafka.createTopic(topic, 1);
  deleteCatalog = await createScenarioCatalog(scenario);
  await waitForContractInForce(scenario);
  await produceScenarioRecords(scenario);
  // The API has counted all 16 records: from here on the pages show settled numbers.
  await readWhenAllChecked(scenario);
});

test.afterAll(async () => {
  await deleteCatalog?.().catch(() => undefined);
});

/** The topic page's producer and conformance sections, by data-testid. */
class TopicProducersPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto(`/clusters/local/topics/${encodeURIComponent(topic)}`);
    await expect(this.page.getByTestId("topic-producers")).toBeVisible();
  }

  producer(rowTestId: string) {
    return this.page.getByTestId("topic-producers").getByTestId(rowTestId);
  }

  violation(offset: number) {
    return this.page.getByTestId("conformance-latest-violations").getByTestId(`violation-0-${offset}`);
  }
}

test.describe("observed producers and conformance", () => {
  test.setTimeout(120_000);

  test("the topic page shows each producer's classification, the unattributed share and conformance", async ({ page }, testInfo) => {
    const topicPage = new TopicProducersPage(page);
    await topicPage.open();

    const rows: [string, string, string, string, string][] = [
      // row test id, data-classification, classification text, records, share of the 16 sampled
      [`producer-value-${declaredService}`, "declared-observed", "observed", "7", "43.8%"],
      ["producer-unattributed", "unattributed", "unattributed", "4", "25%"],
      [`producer-value-${headerValue}`, "observed-not-declared", "not declared", "3", "18.8%"],
      [`producer-value-${unknownValue}`, "unknown", "unknown producer", "2", "12.5%"],
    ];
    await expect(page.getByTestId("topic-producers").locator("tbody tr")).toHaveCount(rows.length);
    // Rows in this order: most records first.
    expect(await page.getByTestId("topic-producers").locator("tbody tr").evaluateAll((elements) => elements.map((element) => element.getAttribute("data-testid")))).toEqual(
      rows.map(([rowId]) => rowId),
    );
    for (const [rowId, classification, label, records, share] of rows) {
      const row = topicPage.producer(rowId);
      await expect(row, rowId).toHaveAttribute("data-classification", classification);
      await expect(row.getByTestId("producer-classification"), rowId).toHaveText(label);
      await expect(row.getByTestId("producer-records"), rowId).toHaveText(records);
      await expect(row.getByTestId("producer-share"), rowId).toHaveText(share);
      // Kafka does not record who wrote a record: every produce rate is labelled an estimate.
      await expect(row.getByTestId("producer-rate"), rowId).toContainText("estimate");
    }
    await expect(topicPage.producer(`producer-value-${declaredService}`).getByTestId("producer-service").getByRole("link")).toHaveAttribute(
      "href",
      `/catalog/services/${declaredService}`,
    );
    await expect(topicPage.producer(`producer-value-${headerValue}`).getByTestId("producer-service").getByRole("link")).toHaveAttribute(
      "href",
      `/catalog/services/${headerService}`,
    );
    await expect(topicPage.producer(`producer-value-${unknownValue}`).getByTestId("producer-service")).toHaveText("—");
    await expect(page.getByTestId("topic-unattributed-share")).toHaveText("25% of 16 sampled records carry no producer header");

    const conformance = page.getByTestId("topic-conformance");
    await expect(conformance.getByTestId("conformance-checked")).toHaveText("16");
    await expect(conformance.getByTestId("conformance-violations")).toHaveText("4");
    await expect(conformance.getByTestId("conformance-percent")).toHaveText("75%");
    const byProducer: [string, string, string, string][] = [
      [`conformance-producer-${declaredService}`, "7", "2", "71.4%"],
      ["conformance-producer-unattributed", "4", "1", "75%"],
      [`conformance-producer-${headerValue}`, "3", "0", "100%"],
      [`conformance-producer-${unknownValue}`, "2", "1", "50%"],
    ];
    for (const [rowId, checked, violations, percent] of byProducer) {
      const row = conformance.getByTestId("conformance-by-producer").getByTestId(rowId);
      await expect(row.getByTestId("conformance-producer-checked"), rowId).toHaveText(checked);
      await expect(row.getByTestId("conformance-producer-violations"), rowId).toHaveText(violations);
      await expect(row.getByTestId("conformance-producer-percent"), rowId).toHaveText(percent);
    }

    // The latest violations, newest first, each with its JSON pointer.
    const latest = page.getByTestId("conformance-latest-violations").locator("[data-testid^='violation-0-']");
    await expect(latest).toHaveCount(4);
    expect(await latest.evaluateAll((elements) => elements.map((element) => element.getAttribute("data-testid")))).toEqual([
      "violation-0-13",
      "violation-0-10",
      "violation-0-9",
      "violation-0-4",
    ]);
    const expected: [number, string, RegExp | string, string][] = [
      [13, "/issuedAt", 'must match format "date-time"', declaredService],
      [10, "(root)", /^value is not JSON: /, unknownValue],
      [9, "/items/0/quantity", "must be >= 1", "(no header)"],
      [4, "/amount", "must be number", declaredService],
    ];
    for (const [offset, pointer, message, producer] of expected) {
      const row = topicPage.violation(offset);
      await expect(row.getByTestId("violation-pointer"), `offset ${offset}`).toHaveText(pointer);
      await expect(row.getByTestId("violation-message"), `offset ${offset}`).toHaveText(message);
      await expect(row.getByTestId("violation-partition"), `offset ${offset}`).toHaveText("0");
      await expect(row.getByTestId("violation-offset"), `offset ${offset}`).toHaveText(String(offset));
      await expect(row.getByTestId("violation-producer"), `offset ${offset}`).toHaveText(producer);
    }
    await expect(topicPage.violation(4).getByTestId("violation-value")).toContainText('"amount": "14.00"');
    await testInfo.attach("topic-producers", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  });

  test("each service page shows its observed produce edge, declared or not", async ({ page }) => {
    const services: [string, string, string, string, string, string][] = [
      // service, data-classification, classification text, header values, share of the sample, violations of checked
      [declaredService, "declared-observed", "observed", declaredService, "43.8% of 16", "2 of 7"],
      [headerService, "observed-not-declared", "not declared", headerValue, "18.8% of 16", "0 of 3"],
    ];
    for (const [slug, classification, label, values, share, violations] of services) {
      await page.goto(`/catalog/services/${slug}`);
      await expect(page.getByTestId("service-produce-edges").locator("tbody tr"), slug).toHaveCount(1);
      const row = page.getByTestId(`produce-edge-local-${topic}`);
      await expect(row, slug).toHaveAttribute("data-classification", classification);
      await expect(row.getByTestId("produce-edge-classification"), slug).toHaveText(label);
      await expect(row.getByTestId("produce-edge-values"), slug).toHaveText(values);
      await expect(row.getByTestId("produce-edge-share"), slug).toHaveText(share);
      await expect(row.getByTestId("produce-edge-rate"), slug).toContainText("estimate");
      await expect(row.getByTestId("produce-edge-violations"), slug).toHaveText(violations);
    }
  });

  test("the flow graph shows the unknown producer, the produce edges and the violations", async ({ page }, testInfo) => {
    const topicNode = `topic:${topic}`;
    await page.goto(`/clusters/local/flows?focus=${encodeURIComponent(topicNode)}`);
    await expect(page.getByRole("heading", { name: "Flows" })).toBeVisible();

    const unknown = page.getByTestId(`flow-node-producer:${unknownValue}`);
    await expect(unknown).toBeVisible();
    await expect(unknown).toHaveAttribute("data-classification", "observed-not-declared");
    await expect(unknown).toHaveAttribute("data-violations", "1");
    const edge = (source: string) => page.getByTestId(`flow-edge-${source}->${topicNode}`);
    await expect(edge(`producer:${unknownValue}`)).toHaveAttribute("data-classification", "observed-not-declared");
    await expect(edge(`service:${headerService}`)).toHaveAttribute("data-classification", "observed-not-declared");
    await expect(edge(`service:${declaredService}`)).toHaveAttribute("data-classification", "declared-observed");
    await expect(edge(`service:${declaredService}`)).toHaveAttribute("data-violations", "2");
    await expect(page.getByTestId(`flow-node-service:${declaredService}`)).toHaveAttribute("data-violations", "2");
    await expect(page.getByTestId(`flow-node-${topicNode}`).getByTestId("flow-node-unattributed")).toHaveText("25% unattributed");

    const drift = page.getByTestId("flow-drift-list").locator(`[data-element-id="producer:${unknownValue}"][data-kind="undocumented"]`);
    await expect(drift).toHaveCount(1);
    await expect(drift).toContainText(unknownValue);
    await testInfo.attach("flow-unknown-producer", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  });
});
