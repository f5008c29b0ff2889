import { expect, test, type Page } from "@playwright/test";

// Runs against the app started by scripts/test.ts on a real broker with the demo simulator and
// the demo catalog (prisma/demo-catalog.yaml). Rates need two collector samples, and lag status
// a full window, so the assertions on live numbers poll.

const LIVE_TIMEOUT = 120_000;

/** The /flows page, by role and data-testid. Edge ids are "<source>-><target>". */
class FlowsPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto("/clusters/local/flows");
    await expect(this.page.getByRole("heading", { name: "Flows" })).toBeVisible();
    await expect(this.node("service:orders")).toBeVisible();
  }

  node(id: string) {
    return this.page.getByTestId(`flow-node-${id}`);
  }

  edge(source: string, target: string) {
    return this.page.getByTestId(`flow-edge-${source}->${target}`);
  }

  sidePanel() {
    return this.page.getByTestId("flow-side-panel");
  }

  async rateOf(source: string, target: string): Promise<number> {
    return Number((await this.edge(source, target).getAttribute("data-rate")) || "0");
  }
}

const PRODUCES: [string, string][] = [
  ["service:orders", "topic:orders.created"],
  ["service:payments", "topic:payments.authorized"],
  ["service:inventory", "topic:inventory.reserved"],
  ["service:inventory", "topic:inventory.low-stock"],
  ["service:shipping", "topic:shipments.dispatched"],
  ["service:notifications", "topic:notifications.sent"],
];
const STEADY_CONSUMES: [string, string][] = [
  ["topic:orders.created", "service:payments"],
  ["topic:orders.created", "service:inventory"],
  ["topic:orders.created", "service:fraud-detection"],
  ["topic:payments.authorized", "service:shipping"],
  ["topic:inventory.reserved", "service:shipping"],
  ["topic:shipments.dispatched", "service:notifications"],
  ["topic:payments.authorized", "group:legacy-reporting"],
];
// The demo's analytics consumer reads only during the simulator's first run, then stops: its
// edges exist (committed offsets) but their rate is zero.
const STOPPED_CONSUMES: [string, string][] = [
  ["topic:orders.created", "service:analytics"],
  ["topic:payments.authorized", "service:analytics"],
];

test.describe("flow graph", () => {
  test.setTimeout(180_000);

  test("shows the demo's flows with live rates", async ({ page }, testInfo) => {
    const flows = new FlowsPage(page);
    await flows.open();
    for (const [source, target] of [...PRODUCES, ...STEADY_CONSUMES, ...STOPPED_CONSUMES]) {
      await expect(flows.edge(source, target), `${source} -> ${target}`).toHaveCount(1);
    }
    for (const [source, target] of [...PRODUCES, ...STEADY_CONSUMES]) {
      await expect
        .poll(() => flows.rateOf(source, target), { message: `rate of ${source} -> ${target}`, timeout: LIVE_TIMEOUT })
        .toBeGreaterThan(0);
    }
    await expect(flows.edge("topic:orders.created", "service:payments")).toHaveAttribute("data-classification", "declared-observed");
    await testInfo.attach("flows-page", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  });

  test("the slow consumer's edge shows its lag status", async ({ page }) => {
    const flows = new FlowsPage(page);
    await flows.open();
    const slow = flows.edge("topic:orders.created", "service:fraud-detection");
    await expect.poll(() => slow.getAttribute("data-status"), { timeout: LIVE_TIMEOUT }).toBe("WARNING");
    await expect(page.getByTestId("flow-edge-label-topic:orders.created->service:fraud-detection")).toContainText("WARNING");
  });

  test("the undocumented consumer group is marked and listed as drift", async ({ page }) => {
    const flows = new FlowsPage(page);
    await flows.open();
    await expect(flows.node("group:legacy-reporting")).toHaveAttribute("data-classification", "observed-not-declared");
    await expect(flows.edge("topic:payments.authorized", "group:legacy-reporting")).toHaveAttribute(
      "data-classification",
      "observed-not-declared",
    );
    const driftItem = page.getByTestId("flow-drift-list").locator('[data-element-id="group:legacy-reporting"]');
    await expect(driftItem).toContainText("legacy-reporting");
    await expect(driftItem.getByRole("link", { name: "Fix →" })).toHaveAttribute("href", "/clusters/local/groups/legacy-reporting");
  });

  test("search focuses a topic", async ({ page }) => {
    const flows = new FlowsPage(page);
    await flows.open();
    await page.getByTestId("flow-search").fill("inventory.low-stock");
    await page.getByTestId("flow-search").press("Enter");
    await expect(flows.node("topic:inventory.low-stock")).toBeInViewport();
    await expect(flows.sidePanel().getByRole("heading", { name: "inventory.low-stock" })).toBeVisible();
  });

  test("clicking a node or an edge opens the side panel", async ({ page }) => {
    const flows = new FlowsPage(page);
    await flows.open();
    await flows.node("service:payments").click();
    const panel = flows.sidePanel();
    await expect(panel.getByRole("heading", { name: "Payments" })).toBeVisible();
    await expect(panel).toContainText("Commerce");
    await expect(panel.getByRole("link", { name: "payments-service" })).toHaveAttribute("href", "/clusters/local/groups/payments-service");

    await flows.edge("topic:orders.created", "service:payments").dispatchEvent("click");
    await expect(panel.getByTestId("flow-side-panel-rate")).toContainText("msg/s");
    await expect(panel.getByRole("link", { name: "Topic page" })).toHaveAttribute("href", "/clusters/local/topics/orders.created");
    await panel.getByRole("button", { name: "Close details" }).click();
    await expect(flows.sidePanel()).toHaveCount(0);
  });
});
