import { expect, test, type ConsoleMessage, type Page } from "@playwright/test";
import type { Admin, Producer } from "kafkajs";
import { runKafkaTool } from "../scripts/lib/kafka-dist";
import { createKafka, createTopic, pollUntil, readGroup, stack } from "../tests/support/live-stack";

// Runs against the app started by scripts/test.ts on a real broker. Consumer groups with the names
// Kafka accepts but URLs do not like (%, /, #, ?, space, non-ASCII, a literal "%2F") commit offset N
// on a topic of K records through Kafka's own kafka-consumer-groups tool; each group page must show
// the id and lag K − N, and the groups list must link to it. Also: the main pages under the CSP.

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
const TOPIC = `x.y_z-1.e2e-${run}`;
const K = 9;
const N = 4;
const BASE_IDS = ["50%off", "a/b", "c#d", "e?f=1", "with space", "grüße-👋", "%2F"];
// Titles use the base ids: Playwright lists tests in one process and runs them in another, and
// the per-run tail differs between the two.
const GROUP_IDS = BASE_IDS.map((id) => `${id}~${run}`);
const groupUrl = (groupId: string) => `/clusters/local/groups/${encodeURIComponent(groupId)}`;

let admin: Admin;
let producer: Producer;

test.describe("hostile names", () => {
  test.setTimeout(180_000);

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const kafka = createKafka("e2e-hostile-names");
    admin = kafka.admin();
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await Promise.all([admin.connect(), producer.connect()]);
    await createTopic(admin, TOPIC, 1);
    await producer.send({ topic: TOPIC, acks: -1, messages: Array.from({ length: K }, (_, index) => ({ value: `record ${index}` })) });
    const tool = await runKafkaTool("kafka-consumer-groups", [
      "--bootstrap-server", stack.brokers, "--reset-offsets", "--to-offset", String(N), "--execute", "--topic", TOPIC,
      ...GROUP_IDS.flatMap((groupId) => ["--group", groupId]),
    ]);
    if (tool.code !== 0) throw new Error(`kafka-consumer-groups failed: ${tool.stderr}${tool.stdout}`);
    // Wait once, on the API, for the collector's sample of every group; the pages then have it.
    for (const groupId of GROUP_IDS) {
      await pollUntil(`group ${groupId} sampled with lag ${K - N}`, async () => ((await readGroup(groupId))?.body.group.lag === K - N ? true : undefined), {
        timeoutMs: 60_000,
        everyMs: 500,
      });
    }
  });

  test.afterAll(async () => {
    await admin?.deleteGroups(GROUP_IDS).catch(() => undefined);
    await admin?.deleteTopics({ topics: [TOPIC] }).catch(() => undefined);
    await Promise.allSettled([producer?.disconnect(), admin?.disconnect()]);
  });

  for (const [index, baseId] of BASE_IDS.entries()) {
    test(`group ${baseId}: its page shows the id and lag K − N`, async ({ page }) => {
      const groupId = GROUP_IDS[index]!;
      const response = await page.goto(groupUrl(groupId));
      expect(response?.status()).toBe(200);
      await expect(page.getByTestId("group-title")).toHaveText(groupId);
      await expect(page.getByTestId("group-lag")).toHaveText(String(K - N));
      await expect(page.getByTestId(`partition-${TOPIC}-0`).getByTestId("partition-lag")).toHaveText(String(K - N));
      expect(new URL(page.url()).pathname).toBe(groupUrl(groupId));
    });
  }

  test("the groups list links to each hostile group and the link opens it", async ({ page }) => {
    for (const groupId of GROUP_IDS) {
      await page.goto("/clusters/local/groups");
      await page.getByLabel("Filter groups by id").fill(groupId);
      const row = page.getByTestId(`group-row-${groupId}`);
      await expect(row).toBeVisible();
      await row.getByRole("link", { name: groupId, exact: true }).click();
      await expect(page.getByTestId("group-title")).toHaveText(groupId);
      expect(new URL(page.url()).pathname).toBe(groupUrl(groupId));
      await expect(page.getByTestId("group-lag")).toHaveText(String(K - N));
    }
  });

  test("the topic page of a topic named with dots, underscores and dashes lists the groups", async ({ page }) => {
    await page.goto(`/clusters/local/topics/${encodeURIComponent(TOPIC)}`);
    for (const groupId of GROUP_IDS) await expect(page.getByRole("link", { name: groupId, exact: true })).toBeVisible();
  });
});

/** Console errors and page errors that a Content-Security-Policy violation produces. */
function collectCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    if (message.type() === "error" && /Content.Security.Policy|Refused to (execute|load|apply|connect|evaluate)/i.test(message.text())) violations.push(message.text());
  });
  page.on("pageerror", (error) => {
    if (/Content.Security.Policy|unsafe-eval|unsafe-inline/i.test(error.message)) violations.push(error.message);
  });
  return violations;
}

test.describe("the app under its Content-Security-Policy", () => {
  test.setTimeout(180_000);

  const MAIN_PAGES = [
    "/clusters/local",
    "/clusters/local/topics",
    "/clusters/local/topics/orders.created",
    "/clusters/local/groups",
    "/clusters/local/groups/payments-service",
    "/clusters/local/flows",
    "/catalog",
    "/catalog/teams/new",
    "/catalog/import",
  ];

  for (const url of MAIN_PAGES) {
    test(`${url} renders, hydrates and loads its data with no CSP violation`, async ({ page }) => {
      const violations = collectCspViolations(page);
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      expect(response?.headers()["content-security-policy"]).toMatch(/script-src[^;]*('nonce-|'sha(256|384|512)-)/);
      // Hydrated: React Query has fetched (a client-side request went through under the CSP).
      await page.waitForLoadState("networkidle");
      await expect(page.locator("main")).toBeVisible();
      expect(violations).toEqual([]);
    });
  }

  test("client navigation and a catalog form (a server action) keep working under the CSP", async ({ page }) => {
    const violations = collectCspViolations(page);
    await page.goto("/clusters/local/groups");
    await page.getByLabel("Filter groups by id").fill("payments-service");
    await page.getByTestId("group-row-payments-service").getByRole("link", { name: "payments-service", exact: true }).click();
    await expect(page.getByTestId("group-title")).toHaveText("payments-service");

    const slug = `csp-${run}`;
    await page.goto("/catalog/teams/new");
    await page.getByLabel("Slug", { exact: true }).fill(slug);
    await page.getByLabel("Name", { exact: true }).fill("Grüße 👋 under CSP");
    await page.getByRole("button", { name: "Create team" }).click();
    await expect(page).toHaveURL(new RegExp(`/catalog/teams/${slug}\\?saved=1$`));
    await expect(page.getByTestId("team-name")).toHaveText("Grüße 👋 under CSP");
    await page.request.delete(`/api/catalog/teams/${slug}?version=1`);
    expect(violations).toEqual([]);
  });
});
