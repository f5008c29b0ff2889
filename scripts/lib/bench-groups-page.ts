// The groups page of a big cluster in Debian's Chromium (bench:collector and bench-groups-page.ts):
// what the first load transfers and how long until the table's rows are drawn.
import { chromium, type Page, type Request } from "@playwright/test";
import { clusterPageHref } from "@/lib/page-urls";
import { median } from "./bench-measure";

/** Bytes on the wire (headers + encoded body) of one load, by kind of resource. */
export type PageTransfer = { document: number; json: number; rsc: number; scripts: number; styles: number; other: number; requests: number };
export type GroupsPageFigures = {
  /** navigation start → first table row drawn, one per measured load (cold HTTP cache each). */
  renderMs: number[];
  renderMedianMs: number;
  /** Where the time went, per measured load (ms since navigation start): HTML received, the list API's request sent and answered (NaN: none). */
  phases: { documentMs: number; apiStartMs: number; apiEndMs: number }[];
  /** The first measured load. */
  transfer: PageTransfer;
  /** Errors the page logged (a hydration mismatch would show here) and failed requests. */
  consoleErrors: string[];
  /** Rows drawn and the total the list API reported. */
  rows: number;
  total: number;
};

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"];

/** HTML, the list API's JSON and RSC requests: what the page itself costs, apart from the static JS/CSS. */
export const pageBytes = (transfer: PageTransfer) => transfer.document + transfer.json + transfer.rsc;

async function sizeOf(request: Request): Promise<number> {
  const sizes = await request.sizes().catch(() => null);
  return sizes ? sizes.responseHeadersSize + sizes.responseBodySize : 0;
}

function kindOf(request: Request): keyof Omit<PageTransfer, "requests"> {
  const type = request.resourceType();
  if (type === "document") return "document";
  if (type === "script") return "scripts";
  if (type === "stylesheet") return "styles";
  if (type === "fetch" || type === "xhr") {
    if (request.headers()["rsc"] === "1" || new URL(request.url()).searchParams.has("_rsc")) return "rsc";
    return new URL(request.url()).pathname.startsWith("/api/") ? "json" : "other";
  }
  return "other";
}

/** performance.now() (ms since navigation start) once a row of the groups table is on screen. */
async function waitForRows(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => (document.querySelector('[data-testid="groups-table"] tbody tr') ? performance.now() : false),
    undefined,
    { polling: "raf", timeout: 120_000 },
  );
  return (await handle.jsonValue()) as number;
}

/** One uncounted warm-up load, then `loads` loads, each in a fresh browser context (nothing cached). */
export async function measureGroupsPage(url: string, cluster: string, loads = 3): Promise<GroupsPageFigures> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const renderMs: number[] = [];
    const phases: GroupsPageFigures["phases"] = [];
    const consoleErrors: string[] = [];
    let transfer: PageTransfer | null = null;
    let rows = 0;
    let total = 0;
    for (let load = 0; load <= loads; load++) {
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      const page = await context.newPage();
      page.on("console", (message) => {
        // Failed requests are listed by URL below (the message does not say which).
        if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) consoleErrors.push(message.text().slice(0, 300));
      });
      page.on("response", (response) => {
        // The app has no favicon: the browser's own request for it is not the page's.
        if (response.status() >= 400 && new URL(response.url()).pathname !== "/favicon.ico") consoleErrors.push(`${response.status()} ${response.url()}`);
      });
      page.on("pageerror", (error) => consoleErrors.push(String(error).slice(0, 300)));
      const finished: Promise<[keyof Omit<PageTransfer, "requests">, number]>[] = [];
      page.on("requestfinished", (request) => finished.push(sizeOf(request).then((bytes) => [kindOf(request), bytes])));
      await page.goto(`${url}${clusterPageHref(cluster, "groups")}`, { waitUntil: "commit" });
      const drawn = await waitForRows(page);
      await page.waitForLoadState("networkidle");
      if (load > 0) {
        renderMs.push(drawn);
        phases.push(await page.evaluate(() => {
          const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
          const api = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).find((entry) => /\/api\/clusters\/[^/]+\/groups\?/.test(entry.name));
          return { documentMs: navigation.responseEnd, apiStartMs: api?.startTime ?? Number.NaN, apiEndMs: api?.responseEnd ?? Number.NaN };
        }));
        rows = await page.locator('[data-testid="groups-table"] tbody tr').count();
        // The first page may come with the HTML (no list request at all): the total is asked separately.
        const response = await fetch(`${url}/api/clusters/${encodeURIComponent(cluster)}/groups?pageSize=1`);
        total = ((await response.json()) as { total: number }).total;
        if (!transfer) {
          transfer = { document: 0, json: 0, rsc: 0, scripts: 0, styles: 0, other: 0, requests: 0 };
          for (const [kind, bytes] of await Promise.all(finished)) {
            transfer[kind] += bytes;
            transfer.requests += 1;
          }
        }
      }
      await context.close();
    }
    return { renderMs, renderMedianMs: median(renderMs), phases, consoleErrors, transfer: transfer!, rows, total };
  } finally {
    await browser.close();
  }
}
