// Browser half of `npm run bench:flow`: loads /flows with a synthetic graph in Debian's Chromium
// and measures navigation → interactive graph, then frame times while panning.
import { chromium, type Page } from "@playwright/test";
import { flowsPageHref } from "@/lib/page-urls";

export type FrameStats = { median: number; p95: number };
/** elapsedMs: the recorded frames' total duration; frames / elapsedMs is the mean frame rate, which
 * (unlike the median frame) also counts the long frames a pan step causes. */
export type PanFigures = { label: string; frames: number; elapsedMs: number; frameMs: FrameStats; renderedNodes: number };
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

const PAN_RADIUS = { x: 260, y: 120 };

/** A point of empty pane (where a drag pans) with room for the whole circle, nearest the
 * canvas centre. A drag that starts on an edge or a node does not pan: React Flow marks edges
 * `nopan`, and at fit zoom the centre of a big graph is usually on an edge. */
async function findPanStart(page: Page): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId("flow-canvas").boundingBox();
  if (!box) throw new Error("flow canvas not visible");
  const viewport = page.viewportSize();
  const bounds = {
    left: box.x + PAN_RADIUS.x + 10,
    right: Math.min(box.x + box.width, viewport?.width ?? Infinity) - PAN_RADIUS.x - 10,
    top: box.y + 10,
    bottom: Math.min(box.y + box.height, viewport?.height ?? Infinity) - 2 * PAN_RADIUS.y - 10,
  };
  const start = await page.evaluate(`(() => {
    const b = ${JSON.stringify(bounds)};
    const cx = (b.left + b.right) / 2, cy = (b.top + b.bottom) / 2;
    const found = [];
    for (let x = b.left; x <= b.right; x += 8) {
      for (let y = b.top; y <= b.bottom; y += 8) {
        const hit = document.elementFromPoint(x, y);
        if (hit && hit.classList.contains("react-flow__pane")) found.push({ x, y, d: (x - cx) ** 2 + (y - cy) ** 2 });
      }
    }
    found.sort((p, q) => p.d - q.d);
    return found[0] ?? null;
  })()`);
  if (!start) throw new Error("no empty pane to start a pan from inside the flow canvas");
  return start as { x: number; y: number };
}

const readViewportTransform = (page: Page) =>
  page.evaluate(() => (document.querySelector(".react-flow__viewport") as HTMLElement | null)?.style.transform ?? "");

/** Drags the pane in small steps paced like a 60 Hz mouse and records every frame's duration. */
async function measurePan(page: Page, label: string): Promise<PanFigures> {
  const { x, y } = await findPanStart(page);
  const before = await readViewportTransform(page);
  let moved = false;
  // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
  await page.evaluate(RECORD_FRAMES);
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let step = 1; step <= 90; step++) {
    const angle = (step / 90) * Math.PI * 2;
    await page.mouse.move(x + Math.sin(angle) * PAN_RADIUS.x, y + (1 - Math.cos(angle)) * PAN_RADIUS.y);
    // Half-way round the circle the view must have moved, or the frames say nothing about panning.
    if (step === 45) moved = (await readViewportTransform(page)) !== before;
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    const state = window as unknown as { benchFrames: number[]; benchRecording: boolean };
    state.benchRecording = false;
    return state.benchFrames.slice(1);
  });
  if (!moved) throw new Error(`panning ${label}: the drag did not move the view (transform stayed ${before})`);
  // The overview hides its edges during a move: they must be back once the drag ends.
  await page.waitForFunction(
    () => [...document.querySelectorAll(".react-flow__edges")].every((layer) => getComputedStyle(layer).visibility === "visible"),
    undefined,
    { timeout: 5_000 },
  );
  const renderedNodes = await page.locator(".react-flow__node").count();
  const elapsedMs = frames.reduce((total, frame) => total + frame, 0);
  return { label, frames: frames.length, elapsedMs, frameMs: toStats(frames), renderedNodes };
}

export async function measureFlowPageInBrowser(options: Options): Promise<BrowserFigures> {
  const cluster = await findCluster(options.url, options.cluster);
  const flowsUrl = `${options.url}${flowsPageHref(cluster, { synthetic: options.synthetic })}`;
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
      await page.goto(flowsUrl, { waitUntil: "commit" });
      const ms = await waitForInteractiveGraph(page);
      if (load > 0) interactiveMs.push(ms);
      await page.close();
    }
    const page = await context.newPage();
    await page.goto(flowsUrl, { waitUntil: "commit" });
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
