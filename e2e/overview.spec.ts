import { expect, test } from "@playwright/test";

// Runs against the app started by scripts/test.ts on a real broker with the demo simulator.

test("overview shows the broker and cluster numbers from Kafka", async ({ page, request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  const body = await health.json();
  const kafka = body.kafka[0];

  await page.goto("/clusters/local");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("cluster-id")).toHaveText(kafka.clusterId);
  await expect(page.getByTestId("stat-brokers")).toHaveText(String(kafka.brokers));
  await expect(page.getByTestId("brokers")).toContainText("controller");
  // The demo creates six topics; the overview counts every non-internal topic.
  await expect
    .poll(async () => Number(await page.getByTestId("stat-topics").textContent()))
    .toBeGreaterThanOrEqual(6);
  await expect(page.getByTestId("health-strip")).toContainText("Kafka reachable");
});

test("topics page lists the demo topics and filters by name", async ({ page }) => {
  await page.goto("/clusters/local/topics");
  const table = page.getByTestId("topics-table");
  for (const topic of ["orders.created", "payments.authorized", "inventory.reserved", "shipments.dispatched", "notifications.sent", "inventory.low-stock"]) {
    await expect(table.getByRole("link", { name: topic, exact: true })).toBeVisible();
  }
  await page.getByTestId("topic-search").fill("payments");
  await expect(table.getByRole("link", { name: "payments.authorized", exact: true })).toBeVisible();
  await expect(table.getByRole("link", { name: "orders.created", exact: true })).toHaveCount(0);
});

test("theme toggle switches between light and dark", async ({ page }) => {
  await page.goto("/clusters/local");
  const html = page.locator("html");
  const before = await html.getAttribute("data-theme");
  await page.getByTestId("theme-toggle").click();
  await expect(html).toHaveAttribute("data-theme", before === "dark" ? "light" : "dark");
});
