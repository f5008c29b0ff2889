import { expect, test, type Page } from "@playwright/test";

// Runs against the app started by scripts/test.ts on the real stack (broker, simulator, database
// seeded with prisma/demo-catalog.yaml). Every record this spec creates has a per-run name.

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
const teamSlug = `e2e-team-${run}`;
const serviceSlug = `e2e-svc-${run}`;
const topicName = `e2e.${run}.events`;
const LIVE_TIMEOUT = 120_000;

const VALID_SCHEMA = JSON.stringify({ type: "object", required: ["id"], properties: { id: { type: "string" } } });

/** The catalog's create and edit forms, by label and data-testid. */
class CatalogForms {
  constructor(readonly page: Page) {}

  field(label: string) {
    return this.page.getByLabel(label, { exact: true });
  }

  error(name: string) {
    return this.page.getByTestId(`error-${name}`);
  }

  async createTeam(slug: string, name: string) {
    await this.page.goto("/catalog/teams/new");
    await this.field("Slug").fill(slug);
    await this.field("Name").fill(name);
    await this.field("Email").fill(`${slug}@example.com`);
    await this.page.getByRole("button", { name: "Create team" }).click();
    await expect(this.page).toHaveURL(new RegExp(`/catalog/teams/${slug}\\?saved=1$`));
    await expect(this.page.getByTestId("team-name")).toHaveText(name);
  }

  async createService(slug: string, team: string) {
    await this.page.goto(`/catalog/services/new?team=${team}`);
    await this.field("Slug").fill(slug);
    await this.field("Name").fill(`Service ${slug}`);
    await expect(this.field("Owner team")).toHaveValue(team);
    await this.field("Tier").selectOption("high");
    await this.field("Consumer group ids").fill(`${slug}-group`);
    await this.page.getByRole("button", { name: "Create service" }).click();
    await expect(this.page).toHaveURL(new RegExp(`/catalog/services/${slug}\\?saved=1$`));
    await expect(this.page.getByTestId("service-name")).toHaveText(`Service ${slug}`);
  }
}

test.describe.serial("service catalog", () => {
  test("creates a team, a service and a contract through the forms, with inline field errors", async ({ page }) => {
    const forms = new CatalogForms(page);
    await forms.createTeam(teamSlug, `Team ${run}`);
    await forms.createService(serviceSlug, teamSlug);

    await page.goto("/catalog/contracts/new");
    // Errors appear as you type, from the same zod schema the server uses.
    await forms.field("Topic name").fill("bad topic!");
    await expect(forms.error("topic")).toHaveText("Topic name may contain only letters, digits, '.', '_' and '-'");
    await forms.field("Value schema (JSON Schema)").fill('{"type": ');
    await expect(forms.error("valueSchema")).toContainText("Value schema is not valid JSON");
    // JSON Schema semantics are checked by the server on save: Ajv compiles schemas with
    // `new Function`, which the pages' Content-Security-Policy does not allow in the browser.
    await forms.field("Value schema (JSON Schema)").fill('{"type": "strnig"}');
    await expect(forms.error("valueSchema")).toHaveCount(0);

    // Submitting with errors keeps the form and shows every problem, including untouched required fields.
    await page.getByRole("button", { name: "Create contract" }).click();
    await expect(page).toHaveURL(/\/catalog\/contracts\/new/);
    await expect(forms.error("owner")).toContainText("Owner service is required");

    await forms.field("Topic name").fill(topicName);
    await expect(forms.error("topic")).toHaveCount(0);
    await forms.field("Owner service").selectOption(serviceSlug);
    await page.getByRole("button", { name: "Create contract" }).click();
    await expect(forms.error("valueSchema")).toContainText("Value schema: schema /type must be equal to one of the allowed values");
    await expect(page).toHaveURL(/\/catalog\/contracts\/new/);

    await forms.field("Value schema (JSON Schema)").fill(VALID_SCHEMA);
    await forms.field("Example message (JSON)").fill('{"id": 42}');
    await page.getByRole("button", { name: "Create contract" }).click();
    await expect(forms.error("exampleMessage")).toContainText("Example does not match the value schema: /id must be string");
    await forms.field("Example message (JSON)").fill('{"id": "evt-1"}');
    await forms.field("Lag objective (seconds)").fill("60");
    await page.getByRole("button", { name: "Create contract" }).click();

    await expect(page).toHaveURL(new RegExp(`/catalog/contracts/[^/]+/${topicName.replace(/\./g, "\\.")}\\?saved=1$`));
    await expect(page.getByTestId("contract-topic")).toHaveText(topicName);
    await expect(page.getByTestId("schema-history")).toContainText("Version 1");
  });

  test("refuses to delete a team that still owns a service", async ({ page }) => {
    await page.goto(`/catalog/teams/${teamSlug}`);
    await page.getByRole("button", { name: `Delete team "${teamSlug}"` }).click();
    await page.getByRole("button", { name: "Yes, delete" }).click();
    await expect(page.getByTestId("delete-error")).toHaveText(
      `Team "${teamSlug}" still owns 1 service (${serviceSlug}). Move them to another team or delete them first.`,
    );
    await page.goto("/catalog/teams");
    await expect(page.getByTestId("teams-table")).toContainText(teamSlug);
  });

  test("shows what changed when the record was saved in another tab meanwhile", async ({ browser }) => {
    const context = await browser.newContext();
    const first = await context.newPage();
    const second = await context.newPage();
    const editUrl = `/catalog/teams/${teamSlug}/edit`;
    await first.goto(editUrl);
    await second.goto(editUrl);

    const firstForms = new CatalogForms(first);
    await firstForms.field("Name").fill(`Renamed ${run}`);
    await first.getByRole("button", { name: "Save team" }).click();
    await expect(first.getByTestId("team-name")).toHaveText(`Renamed ${run}`);

    const secondForms = new CatalogForms(second);
    await secondForms.field("Description").fill("Edited in a stale tab");
    await second.getByRole("button", { name: "Save team" }).click();
    const notice = second.getByTestId("conflict-notice");
    await expect(notice).toContainText(`Team "${teamSlug}" was changed by someone else while you were editing`);
    await expect(notice.getByTestId("conflict-field-name")).toContainText(`Renamed ${run}`);
    await expect(second).toHaveURL(new RegExp(`${editUrl}$`));

    await notice.getByRole("button", { name: "Load their version" }).click();
    await expect(secondForms.field("Name")).toHaveValue(`Renamed ${run}`);
    await expect(secondForms.field("Description")).toHaveValue("");
    await secondForms.field("Description").fill("Edited after seeing the change");
    await second.getByRole("button", { name: "Save team" }).click();
    await expect(second.getByTestId("team-name")).toHaveText(`Renamed ${run}`);
    await context.close();
  });

  test("keeps my edits and the other tab's edits when I choose to merge after a conflict", async ({ browser }) => {
    const context = await browser.newContext();
    const first = await context.newPage();
    const second = await context.newPage();
    const editUrl = `/catalog/services/${serviceSlug}/edit`;
    await first.goto(editUrl);
    await second.goto(editUrl);

    const firstForms = new CatalogForms(first);
    await firstForms.field("Description").fill("Saved in the first tab");
    await first.getByRole("button", { name: "Save service" }).click();
    await expect(first).toHaveURL(new RegExp(`/catalog/services/${serviceSlug}\\?saved=1$`));

    const secondForms = new CatalogForms(second);
    await secondForms.field("Tags").fill("second-tab");
    await second.getByRole("button", { name: "Save service" }).click();
    const notice = second.getByTestId("conflict-notice");
    await expect(notice.getByTestId("conflict-field-description")).toContainText("Saved in the first tab");
    await expect(notice.getByTestId("conflict-my-edits")).toContainText("Tags");
    // The notice sits above the long form: it must be brought into view, not left above the fold.
    await expect(notice).toBeInViewport();

    await notice.getByRole("button", { name: "Keep my edits, take theirs elsewhere" }).click();
    await expect(notice).toHaveCount(0);
    await expect(secondForms.field("Description")).toHaveValue("Saved in the first tab");
    await expect(secondForms.field("Tags")).toHaveValue("second-tab");
    await second.getByRole("button", { name: "Save service" }).click();
    await expect(second).toHaveURL(new RegExp(`/catalog/services/${serviceSlug}\\?saved=1$`));
    await expect(second.getByTestId("service-details")).toContainText("Saved in the first tab");
    await expect(second.getByTestId("service-details")).toContainText("second-tab");
    await context.close();
  });

  test("asks before deleting, and deletes a contract once confirmed", async ({ page }) => {
    const detail = `/catalog/contracts/local/${topicName}`;
    await page.goto(detail);
    const deleteButton = page.getByRole("button", { name: `Delete contract local/${topicName}` });
    await deleteButton.click();
    await page.getByRole("button", { name: "Keep it" }).click();
    await expect(deleteButton).toBeVisible();
    await page.goto("/catalog/contracts");
    await expect(page.getByTestId("contracts-table")).toContainText(topicName);

    await page.goto(detail);
    await deleteButton.click();
    await page.getByRole("button", { name: "Yes, delete" }).click();
    await expect(page).toHaveURL(/\/catalog\/contracts\?deleted=/);
    await expect(page.getByTestId("contracts-table")).not.toContainText(topicName);
  });

  test("imports a catalog file: dry-run diff first, then applied in one go", async ({ page }) => {
    const importedTeam = `e2e-import-${run}`;
    const file = ["version: 1", "teams:", `  - slug: ${importedTeam}`, "    name: Imported team", "    email: imported@example.com", ""].join("\n");
    await page.goto("/catalog/import");
    await page.getByLabel("Or paste it here").fill(file);
    await expect(page.getByRole("button", { name: "Apply" })).toBeDisabled();
    await page.getByRole("button", { name: "Check (dry run)" }).click();
    await expect(page.getByTestId("import-status")).toHaveText("Dry run: nothing has been changed yet.");
    await expect(page.getByTestId("import-counts")).toContainText("1 to create, 0 to update, 0 to delete");
    await expect(page.getByTestId("import-diff")).toContainText(importedTeam);

    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByTestId("import-status")).toHaveText("Applied in one transaction.");
    await page.goto(`/catalog/teams/${importedTeam}`);
    await expect(page.getByTestId("team-name")).toHaveText("Imported team");
  });

  test("shows a service's live consumer group lag against the contract's lag objective", async ({ page }) => {
    await expect(async () => {
      await page.goto("/catalog/services/payments");
      const row = page.getByTestId("group-row-payments-service");
      await expect(row).toContainText("orders.created", { timeout: 2_000 });
      await expect(row.getByTestId("lag-verdict")).toHaveAttribute("data-verdict", /^(met|exceeded)$/, { timeout: 2_000 });
    }).toPass({ timeout: LIVE_TIMEOUT, intervals: [2_000, 5_000] });
    await expect(page.getByTestId("service-topics")).toContainText("payments.authorized");
    await expect(page.getByTestId("service-topics").getByTestId("topic-rate").first()).toHaveText(/msg\/s$/);
  });

  test("a live topic page shows its contract, owner team and declared producers and consumers", async ({ page }) => {
    await page.goto("/clusters/local/topics/orders.created");
    const panel = page.getByTestId("topic-catalog-panel");
    await expect(panel).toHaveAttribute("data-documented", "true");
    await expect(panel.getByRole("heading", { name: "Catalog" })).toBeVisible();
    await expect(panel.getByRole("link", { name: "Orders", exact: true }).first()).toHaveAttribute("href", "/catalog/services/orders");
    await expect(panel.getByRole("link", { name: "Commerce" })).toHaveAttribute("href", "/catalog/teams/commerce");
    for (const consumer of ["Payments", "Inventory", "Fraud Detection", "Analytics ETL"]) {
      await expect(panel.getByRole("link", { name: consumer, exact: true })).toBeVisible();
    }
    await expect(panel.getByRole("link", { name: "Open the contract" })).toHaveAttribute("href", "/catalog/contracts/local/orders.created");
  });

  test("lists the demo's undocumented consumer group", async ({ page }) => {
    await expect(async () => {
      await page.goto("/catalog/undocumented-groups");
      await expect(page.getByTestId("undocumented-group-legacy-reporting")).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: LIVE_TIMEOUT, intervals: [2_000, 5_000] });
    await expect(page.getByTestId("undocumented-group-legacy-reporting")).toContainText("payments.authorized");
    // Groups the demo catalog maps to services are not listed.
    await expect(page.getByTestId("undocumented-group-payments-service")).toHaveCount(0);
  });
});
