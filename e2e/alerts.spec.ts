import { expect, test } from "@playwright/test";
import { groupPageHref } from "../lib/page-urls";
import { run } from "./support/live-kafka";

// Runs against the app started by scripts/test.ts with the demo catalog and traffic. With no
// channel configured, the demo's slow consumer (fraud-detection) breaches orders.created's 60 s
// lag objective within about three minutes, and the alert shows on the alerts page, in the
// navigation's count and on the group's page. A team's rules and channels are edited in the UI.

const origin = (baseURL: string | undefined) => ({ origin: new URL(baseURL!).origin, "sec-fetch-site": "same-origin" });

test.describe("alerts", () => {
  test.setTimeout(300_000);

  test("the demo's slow consumer fires on the alerts page, in the navigation and on its group page", async ({ page }) => {
    await page.goto("/alerts");
    await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();
    const row = page.locator('[data-testid="alert-row"][data-rule="time-lag-objective"][data-group="fraud-detection"]');
    // The row shows up pending first and fires once the breach has held for the rule's 30 s; the
    // page polls every 10 s, so the wait is for the firing row, not for the row.
    await expect(async () => {
      await page.reload();
      await expect(row.first()).toBeVisible({ timeout: 2_000 });
      await expect(row.first().getByTestId("alert-state")).toHaveAttribute("data-state", "firing", { timeout: 2_000 });
    }).toPass({ timeout: 240_000, intervals: [5_000] });
    await expect(row.first().getByTestId("alert-summary")).toContainText("fraud-detection is");
    await expect(row.first().getByTestId("alert-summary")).toContainText("behind on orders.created (objective 1m 0s)");
    await expect(page.getByTestId("nav-alert-count")).toHaveText(/^[1-9]\d*$/);

    // Filter by team: only trust's alerts remain.
    await page.getByTestId("alerts-filter-team").selectOption("trust");
    await expect(page).toHaveURL(/team=trust/);
    await expect(row.first()).toBeVisible();
    await expect(page.locator('[data-testid="alert-row"][data-group="analytics-etl"]')).toHaveCount(0);

    // The alert's own page links back to the group; the group page lists the alert.
    await row.first().getByRole("link").first().click();
    await expect(page.getByTestId("alert-title")).toHaveText("Time lag above the lag objective");
    await page.goto(groupPageHref("local", "fraud-detection"));
    await expect(page.getByTestId("alert-history").locator('[data-rule="time-lag-objective"]').first()).toBeVisible();
  });

  test("a team's editor overrides a built-in rule and adds a channel whose URL never reaches the page", async ({ page, request, baseURL }) => {
    const team = `e2e-alerts-${run}`;
    const created = await request.post("/api/catalog/teams", { data: { slug: team, name: `E2E alerts ${run}` }, headers: origin(baseURL) });
    expect(created.status()).toBe(201);

    await page.goto(`/catalog/teams/${team}`);
    await page.getByRole("link", { name: "Alert rules and channels" }).click();
    await expect(page).toHaveURL(new RegExp(`/alerts/teams/${team}$`));
    const rule = page.locator('[data-testid="override-row"][data-rule="time-lag-objective"]');
    await rule.getByLabel("For (seconds)").fill("10");
    await rule.getByLabel("Severity").selectOption("critical");
    await rule.getByLabel("Threshold").fill("45");
    await rule.getByRole("button", { name: "Save" }).click();
    await expect(rule.getByText("overridden")).toBeVisible();
    const settings = await (await request.get(`/api/alerts/teams/${team}`)).json();
    expect(settings.builtins.find((entry: { id: string }) => entry.id === "time-lag-objective").override).toEqual({ enabled: true, forSec: 10, severity: "critical", threshold: 45 });

    // A bad value is refused with the field's message, and nothing changes.
    await rule.getByLabel("For (seconds)").fill("-5");
    await rule.getByRole("button", { name: "Save" }).click();
    await expect(rule.getByRole("alert")).toHaveText("forSec: For must be at least 0 seconds");

    const channels = page.getByTestId("channels");
    await channels.getByLabel("Channel name").fill("ops-hook");
    await channels.getByLabel("URL").fill(`https://hooks.example.com/services/secret-path-${run}`);
    await channels.getByLabel("Secret").fill(`a-signing-secret-${run}`);
    await channels.getByRole("button", { name: "Add channel" }).click();
    await expect(channels.getByTestId("channel-target")).toHaveText("https://hooks.example.com/…");
    await page.reload();
    await expect(page.getByTestId("channel-target")).toHaveText("https://hooks.example.com/…");
    const html = await page.content();
    expect(html).not.toContain(`secret-path-${run}`);
    expect(html).not.toContain(`a-signing-secret-${run}`);

    // The changes are in the team's history.
    await page.goto(`/catalog/teams/${team}`);
    await expect(page.getByText("alerts.override.set").first()).toBeVisible();
    await expect(page.getByText("alerts.channel.create").first()).toBeVisible();
  });
});
