// `npm run bench:flow`: how fast the flow graph is for a big estate (default 300 services and
// 1,000 topics, synthetic and deterministic).
//   Node: the graph builder's time (target < 50 ms), plus drift, aggregation and layout.
//   Browser (with --url of a running app started with TRIBUTARY_BENCH=1): time from navigation
//   to an interactive graph (target < 2 s) and frame time while panning (target >= 30 frames/s),
//   in Debian's Chromium.
// Flags: --services N --topics N --runs N --url URL --cluster NAME --loads N --json FILE
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { aggregateTopicsByPrefix } from "@/lib/flow/aggregate";
import { buildFlowGraph } from "@/lib/flow/build-flow-graph";
import { listDrift } from "@/lib/flow/drift";
import { layoutFlowGraph } from "@/lib/flow/layout";
import { createSyntheticFlowInput } from "@/lib/flow/synthetic";
import { measureFlowPageInBrowser, type BrowserFigures } from "./lib/bench-flow-browser";

const { values } = parseArgs({
  options: {
    services: { type: "string", default: "300" },
    topics: { type: "string", default: "1000" },
    runs: { type: "string", default: "25" },
    url: { type: "string" },
    cluster: { type: "string" },
    loads: { type: "string", default: "3" },
    json: { type: "string" },
  },
});
const services = Number(values.services);
const topics = Number(values.topics);
const runs = Math.max(3, Number(values.runs));

function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95), min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

async function timeIt<T>(label: string, work: () => T | Promise<T>, count: number) {
  for (let warm = 0; warm < 3; warm++) await work();
  const samples: number[] = [];
  for (let run = 0; run < count; run++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  const stats = summarize(samples);
  console.log(`  ${label.padEnd(34)} median ${stats.median.toFixed(1)} ms   p95 ${stats.p95.toFixed(1)} ms   (n=${count})`);
  return stats;
}

console.log(`Flow benchmark: ${services} services, ${topics} topics (synthetic, seed 42)`);
const input = createSyntheticFlowInput({ services, topics });
const graph = buildFlowGraph(input);
console.log(`  graph: ${graph.nodes.length} nodes, ${graph.edges.length} edges, ${listDrift(graph).length} drift items, ${(JSON.stringify(graph).length / 1e6).toFixed(2)} MB JSON`);
console.log("Node.js");
const node = {
  build: await timeIt("buildFlowGraph", () => buildFlowGraph(input), runs),
  drift: await timeIt("listDrift", () => listDrift(graph), runs),
  aggregate: await timeIt("aggregateTopicsByPrefix", () => aggregateTopicsByPrefix(graph), runs),
  layout: await timeIt("layoutFlowGraph (layered, cold)", () => layoutFlowGraph(graph), Math.min(runs, 10)),
};
const builderOk = node.build.median < 50;
console.log(`  builder target < 50 ms: ${builderOk ? "met" : "NOT met"} (median ${node.build.median.toFixed(1)} ms)`);

let browser: BrowserFigures | null = null;
if (values.url) {
  console.log(`Chromium against ${values.url}`);
  browser = await measureFlowPageInBrowser({
    url: values.url,
    cluster: values.cluster ?? null,
    synthetic: `${services}x${topics}`,
    loads: Math.max(1, Number(values.loads)),
    expectedNodes: graph.nodes.length,
  });
  const interactive = summarize(browser.interactiveMs);
  console.log(`  navigation -> interactive graph   median ${interactive.median.toFixed(0)} ms   max ${interactive.max.toFixed(0)} ms (n=${browser.interactiveMs.length})  target < 2000: ${interactive.median < 2000 ? "met" : "NOT met"}`);
  for (const pan of browser.panning) {
    // Mean rate over the drag: a median frame hides long frames between many idle 16.7 ms ones.
    const fps = (1000 * pan.frames) / pan.elapsedMs;
    console.log(`  panning ${pan.label.padEnd(24)} ${fps.toFixed(1)} fps (${pan.frames} frames in ${(pan.elapsedMs / 1000).toFixed(1)} s)  frame median ${pan.frameMs.median.toFixed(1)} ms  p95 ${pan.frameMs.p95.toFixed(1)} ms  (${pan.renderedNodes} nodes drawn)  target >= 30 fps: ${fps >= 30 ? "met" : "NOT met"}`);
  }
} else {
  console.log("Browser part skipped: pass --url of an app started with TRIBUTARY_BENCH=1 (e.g. --url http://127.0.0.1:3000).");
}

if (values.json) {
  writeFileSync(values.json, JSON.stringify({ services, topics, nodes: graph.nodes.length, edges: graph.edges.length, node, browser }, null, 2));
  console.log(`Figures written to ${values.json}`);
}
