// Browser half of `npm run bench:flow`: loads /flows with a synthetic graph in Debian's Chromium
// and measures navigation → interactive graph, then frame times while panning.
import { chromium, type Page } from "@playwright/test";

export type FrameStats = { median: number; p95: number };
export type PanFigures = { label: string; frames: number; frameMs: FrameStats; renderedNodes: number };
export type BrowserFigures = { interactiveMs: number[]; panning: PanFigures[] };

type Options = { url: string; cluster: string | null; synthetic: string; loads: number; expectedNodes: number };

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"];

async function findCluster(url: string, cluster: string | null): Promise<string> {
  if (cluster) return cluster;
  const response = await fetch(`${url}/api/clusters`);
  const body = (await response.json()) as { clusters?: { name: string }[] };
  const first = body.clusters?.[0]?.name;
  if (!first) throw new Error(`${url}/api/clusters lists no cluster`);
  return first;
}

/** Resolves with performance.now() (ms since navigation start) once nodes are drawn and no
 * layout is pending; polled on animation frames, so the page has also painted by then. */
async function waitForInteractiveGraph(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const drawn = document.querySelector('[data-testid="flow-canvas"] .react-flow__node');
      const busy = document.querySelector('[data-testid="flow-loading"], [data-testid="flow-layout-pending"]');
      return drawn && !busy ? performance.now() : false;
    },
    undefined,
    { polling: "raf", timeout: 120_000 },
  );
  return (await handle.jsonValue()) as number;
}

function toStats(samples: number[]): FrameStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
}

const RECORD_FRAMES = `(() => {
  window.benchFrames = [];
  window.benchRecording = true;
  let last = performance.now();
  const tick = (time) => {
    window.benchFrames.push(time - last);
    last = time;
    if (window.benchRecording) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

/** Drags the pane in small steps paced like a 60 Hz mouse and records every frame's duration. */
async function measurePan(page: Page, label: string): Promise<PanFigures> {
  const box = await page.getByTestId("flow-canvas").boundingBox();
  if (!box) throw new Error("flow canvas not visible");
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
  await page.evaluate(RECORD_FRAMES);
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let step = 1; step <= 90; step++) {
    const angle = (step / 90) * Math.PI * 2;
    await page.mouse.move(x + Math.sin(angle) * 260, y + (1 - Math.cos(angle)) * 120);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    const state = window as unknown as { benchFrames: number[]; benchRecording: boolean };
    state.benchRecording = false;
    return state.benchFrames.slice(1);
  });
  const renderedNodes = await page.locator(".react-flow__node").count();
  return { label, frames: frames.length, frameMs: toStats(frames), renderedNodes };
}

export async function measureFlowPageInBrowser(options: Options): Promise<BrowserFigures> {
  const cluster = await findCluster(options.url, options.cluster);
  const query = new URLSearchParams({ cluster, synthetic: options.synthetic });
  const check = await fetch(`${options.url}/api/clusters/${encodeURIComponent(cluster)}/flow?${new URLSearchParams({ synthetic: options.synthetic })}`);
  if (!check.ok) {
    throw new Error(`the app refused the synthetic graph (${check.status}: ${await check.text()}); start it with TRIBUTARY_BENCH=1`);
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const interactiveMs: number[] = [];
    // The first load warms the server (a dev server compiles the page then) and is not counted.
    for (let load = 0; load <= options.loads; load++) {
      const page = await context.newPage();
      await page.goto(`${options.url}/flows?${query}`, { waitUntil: "commit" });
      const ms = await waitForInteractiveGraph(page);
      if (load > 0) interactiveMs.push(ms);
      await page.close();
    }
    const page = await context.newPage();
    await page.goto(`${options.url}/flows?${query}`, { waitUntil: "commit" });
    await waitForInteractiveGraph(page);
    await page.waitForTimeout(500);
    const panning = [await measurePan(page, "whole graph (fit)")];
    await page.getByTestId("flow-search").fill("orders.event-0");
    await page.getByTestId("flow-search").press("Enter");
    await page.waitForTimeout(500);
    panning.push(await measurePan(page, "zoomed in (zoom 1)"));
    return { interactiveMs, panning };
  } finally {
    await browser.close();
  }
}
