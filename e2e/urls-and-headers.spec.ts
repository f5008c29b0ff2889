import { expect, test, type Page } from "@playwright/test";
import { runKafkaTool } from "../scripts/lib/kafka-dist";
import { LIVE_TIMEOUT, run, useLiveKafka } from "./support/live-kafka";

// Page URLs address a cluster like the API (/clusters/{cluster}/…), old URLs redirect, any group
// id Kafka accepts has a page, and every response carries the security headers with a CSP that
// Chromium enforces without blocking anything the app itself does.


const kafka = useLiveKafka("e2e-urls");

/** Collects every CSP violation Chromium reports, from the DOM event and from the console. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __csp: string[] }).__csp = []);
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))];
}

test.describe("page URLs", () => {
  test("old URLs redirect to the cluster's pages", async ({ request }) => {
    const cases: [string, number, string][] = [
      ["/", 307, "/clusters/local"],
      ["/?cluster=local", 308, "/clusters/local"],
      ["/topics", 307, "/clusters/local/topics"],
      ["/topics?cluster=local", 308, "/clusters/local/topics"],
      ["/topics/orders.created?cluster=local", 308, "/clusters/local/topics/orders.created"],
      ["/groups?cluster=local", 308, "/clusters/local/groups"],
      ["/groups/50%25off%2Fa%23b%3Fc%20d?cluster=local", 308, "/clusters/local/groups/50%25off%2Fa%23b%3Fc%20d"],
      ["/groups/fraud-detection", 307, "/clusters/local/groups/fraud-detection"],
      ["/flows?cluster=local&focus=topic%3Aorders.created", 308, "/clusters/local/flows?focus=topic%3Aorders.created"],
      ["/flows", 307, "/clusters/local/flows"],
    ];
    for (const [from, status, to] of cases) {
      const response = await request.get(from, { maxRedirects: 0 });
      expect(response.status(), from).toBe(status);
      const location = new URL(response.headers().location!, "http://app.invalid");
      expect(`${location.pathname}${location.search}`, from).toBe(to);
    }
    // Followed, the old group URL shows the group's page.
    const followed = await request.get("/groups/fraud-detection?cluster=local");
    expect(followed.status()).toBe(200);
    expect(followed.url()).toMatch(/\/clusters\/local\/groups\/fraud-detection$/);
  });

  test("the app has an icon that pages link and that needs no session", async ({ page, playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const response = await anonymous.get("/favicon.ico", { maxRedirects: 0 });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("image/x-icon");
    // An ICO header: reserved 0, type 1 (icon), one image.
    expect([...(await response.body()).subarray(0, 6)]).toEqual([0, 0, 1, 0, 1, 0]);
    await anonymous.dispose();
    await page.goto("/sign-in");
    await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute("href", /^\/favicon\.ico/);
  });

  test("unknown names and malformed escapes are 404/400 pages, never 500", async ({ request }) => {
    const cases: [string, number][] = [
      ["/clusters/nope", 404],
      ["/clusters/nope/topics", 404],
      ["/clusters/local/topics/no.such.topic." + run, 404],
      ["/clusters/local/groups/no-such-group-" + run, 404],
      ["/clusters/local/groups/%E0%A4%A", 400],
      ["/clusters/local/groups/%", 400],
      ["/clusters/local/topics/%E0%A4%A", 400],
    ];
    for (const [path, status] of cases) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(status);
    }
  });

  test("a consumer group named with %, /, #, ?, a space and non-ASCII has a working page", async ({ page }) => {
    test.setTimeout(180_000);
    const topic = `e2e.names.${run}`;
    await kafka.createTopic(topic, 1);
    await kafka.producer.send({ topic, acks: -1, messages: Array.from({ length: 10 }, (_, index) => ({ partition: 0, value: `m${index}` })) });
    const check = await watchCsp(page);
    for (const [groupId, offset, lag] of [
      [`50%off.${run}`, 4, "6"],
      [`a/b#c?d e-é-${run}`, 7, "3"],
    ] as const) {
      kafka.trackGroup(groupId);
      // Kafka's own tool, so the id reaches the broker exactly as written.
      const tool = await runKafkaTool("kafka-consumer-groups", [
        "--bootstrap-server", process.env.TEST_KAFKA_BROKERS!, "--group", groupId, "--topic", topic,
        "--reset-offsets", "--to-offset", String(offset), "--execute",
      ]);
      expect(tool.code, tool.stderr).toBe(0);

      const url = `/clusters/local/groups/${encodeURIComponent(groupId)}`;
      await expect
        .poll(
          async () => {
            const response = await page.goto(url);
            return response?.status() === 200 && (await page.getByTestId("group-lag").textContent({ timeout: 5_000 }).catch(() => null)) === lag;
          },
          { timeout: LIVE_TIMEOUT, intervals: [1_000] },
        )
        .toBe(true);
      await expect(page.getByTestId("group-title")).toHaveText(groupId);
      await expect(page).toHaveTitle(`${groupId} · Tributary`);
      // Its row in the groups list links to the same URL.
      await page.goto("/clusters/local/groups");
      await page.getByLabel("Filter groups by id").fill(groupId);
      await expect(page.getByRole("link", { name: groupId, exact: true })).toHaveAttribute("href", url);
    }
    expect(await check()).toEqual([]);
  });
});

test.describe("security headers", () => {
  test("pages get a nonce CSP that every script tag carries, and the static headers", async ({ request }) => {
    const response = await request.get("/clusters/local");
    expect(response.status()).toBe(200);
    const headers = response.headers();
    const csp = headers["content-security-policy"]!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic';`);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "style-src 'self' 'unsafe-inline'"]) {
      expect(csp).toContain(directive);
    }
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");

    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(1);
    expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
    // A fresh nonce per response.
    const again = await request.get("/clusters/local");
    expect(again.headers()["content-security-policy"]).not.toContain(nonce!);
  });

  test("API responses and static files get the headers too", async ({ request }) => {
    const api = await request.get("/api/clusters");
    expect(api.status()).toBe(200);
    expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(api.headers()["x-content-type-options"]).toBe("nosniff");
    expect(api.headers()["x-frame-options"]).toBe("DENY");
    expect(api.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");

    const missing = await request.get("/api/clusters/nope/topics");
    expect(missing.status()).toBe(404);
    expect(missing.headers()["x-content-type-options"]).toBe("nosniff");
    expect(missing.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");

    const html = await (await request.get("/clusters/local")).text();
    const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    const file = await request.get(asset!);
    expect(file.status()).toBe(200);
    expect(file.headers()["x-content-type-options"]).toBe("nosniff");
  });

  test("the app works under the CSP: theme script, charts, flow graph, forms; no violation", async ({ page }) => {
    test.setTimeout(180_000);
    const check = await watchCsp(page);
    await page.goto("/clusters/local");
    // Set before paint by the inline theme script, which only runs with the nonce.
    await expect(page.locator("html")).toHaveAttribute("data-theme", /^(light|dark)$/);
    await page.getByTestId("theme-toggle").click();

    await page.goto("/clusters/local/groups/fraud-detection");
    await expect(page.getByTestId("group-lag-chart").locator(".recharts-line-curve").first()).toBeVisible({ timeout: LIVE_TIMEOUT });

    await page.goto("/clusters/local/flows");
    await expect(page.getByTestId("flow-node-service:orders")).toBeVisible();
    await page.getByTestId("flow-node-service:payments").click();
    await expect(page.getByTestId("flow-side-panel")).toBeVisible();

    // A server action under the CSP and the same-origin check: creating a team from its form.
    const slug = `csp-${run}`;
    await page.goto("/catalog/teams/new");
    await page.getByLabel("Slug", { exact: true }).fill(slug);
    await page.getByLabel("Name", { exact: true }).fill(`CSP ${run}`);
    await page.getByRole("button", { name: "Create team" }).click();
    await expect(page).toHaveURL(new RegExp(`/catalog/teams/${slug}\\?saved=1$`));
    await expect(page.getByTestId("team-name")).toHaveText(`CSP ${run}`);

    expect(await check()).toEqual([]);
  });
});
