import { expect, test } from "@playwright/test";

// API tokens and the audit log in the browser, against the app scripts/test.ts starts (sign-in
// off there: the visitor is the local admin). The token API's rules (401/403, hashing, expiry)
// are tested in tests/tokens-masking.test.ts against an app in proxy mode.

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
const tokenName = `e2e token ${run}`;

test.describe.configure({ mode: "serial" });

test("an admin creates a token, sees its secret once, and revokes it", async ({ page }) => {
  await page.goto("/settings/tokens");
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  await page.getByTestId("token-name").fill(tokenName);
  await page.getByTestId("token-role").selectOption("editor");
  await page.getByTestId("token-team").selectOption("commerce");
  await page.getByTestId("token-days").fill("7");
  await page.getByTestId("create-token-submit").click();

  const secret = (await page.getByTestId("token-secret").textContent()) ?? "";
  expect(secret).toMatch(/^trb_[A-Za-z0-9_-]{43}$/);
  const row = page.locator(`[data-testid="token-row"][data-token-name="${tokenName}"]`);
  await expect(row).toHaveAttribute("data-status", "active");
  await expect(row).toContainText("editor of commerce");
  await expect(row).toContainText(secret.slice(0, 8));

  // Shown once: after a reload the page holds the prefix only.
  await page.reload();
  await expect(row).toBeVisible();
  await expect(page.getByTestId("token-secret")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);

  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByTestId("revoke-token").click();
  await expect(row).toHaveAttribute("data-status", "revoked");
  await expect(row.getByTestId("revoke-token")).toHaveCount(0);
});

test("the audit log lists the token's creation and revocation, filtered by entity and action", async ({ page }) => {
  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await page.getByTestId("audit-entity-type").selectOption("token");
  await page.getByTestId("audit-action").fill("revoke");
  await page.getByTestId("audit-apply").click();
  const revoked = page.locator('[data-testid="audit-row"][data-action="revoke"]', { hasText: tokenName });
  await expect(revoked).toHaveCount(1);
  await expect(page.locator('[data-testid="audit-row"]:not([data-action="revoke"])')).toHaveCount(0);

  await page.getByTestId("audit-action").fill("create");
  await page.getByTestId("audit-apply").click();
  await expect(page.locator('[data-testid="audit-row"][data-action="create"]', { hasText: tokenName })).toHaveCount(1);
});
