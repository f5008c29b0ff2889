/** Measuring helpers for benchmarks: latency percentiles under concurrent load, process CPU and RSS. */
import { readFileSync, readdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import v8 from "node:v8";
import vm from "node:vm";

export type Latency = { requests: number; errors: number; p50: number; p95: number; p99: number; max: number; perSecond: number };

export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

export const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 0.5);

/**
 * `clients` loops each sending one request at a time to `url` until `total` requests were sent.
 * Without `paceMs` the loop is closed (the next request as soon as the last answered: the server
 * at saturation, latency = clients / throughput); with it, each client starts one request every
 * `paceMs` from a random phase, like dashboards polling. Times in ms.
 */
export async function measureLatency(url: string, options: { clients: number; total: number; paceMs?: number }): Promise<Latency> {
  return latencyOf(await runLoad(url, options));
}

/** What one load run saw: each request's time (ms), how many failed, and how long the run took. */
export type LoadRun = { timings: number[]; errors: number; elapsedSeconds: number };

/** The load of measureLatency, with every request's time kept (so that runs can be pooled). */
export async function runLoad(url: string, options: { clients: number; total: number; paceMs?: number }): Promise<LoadRun> {
  const timings: number[] = [];
  let errors = 0;
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.clients }, async () => {
      if (options.paceMs) await sleep(Math.random() * options.paceMs);
      while (sent < options.total) {
        sent += 1;
        const begin = performance.now();
        try {
          const response = await fetch(url);
          await response.arrayBuffer();
          if (response.status !== 200) errors += 1;
        } catch {
          errors += 1;
        }
        timings.push(performance.now() - begin);
        if (options.paceMs) await sleep(Math.max(0, begin + options.paceMs - performance.now()));
      }
    }),
  );
  return { timings, errors, elapsedSeconds: (performance.now() - started) / 1000 };
}

/** Percentiles and throughput of one or more runs taken as one: req/s is all requests over the runs' summed time. */
export function latencyOf(...runs: LoadRun[]): Latency {
  const timings = runs.flatMap((run) => run.timings).sort((a, b) => a - b);
  const elapsedSeconds = runs.reduce((total, run) => total + run.elapsedSeconds, 0);
  return {
    requests: timings.length,
    errors: runs.reduce((total, run) => total + run.errors, 0),
    p50: percentile(timings, 0.5),
    p95: percentile(timings, 0.95),
    p99: percentile(timings, 0.99),
    max: timings.at(-1) ?? Number.NaN,
    perSecond: timings.length / elapsedSeconds,
  };
}

/**
 * Loads on several URLs compared with each other (closed loops, or polled with `paceMs`): `slices`
 * rounds, each running every URL for total/slices requests in turn (the order rotating from round
 * to round), each URL's runs pooled. Run one URL after another instead, and each gets a different
 * stretch of the machine: a collector's sample (a second or more of CPU every 10 s on the same two
 * cores) lands in one URL's run and not in the next, and the comparison measured that, not the URLs
 * (BENCHMARKS.md, "interleaved closed loop": the same route measured 215 and 384 req/s back to back).
 * Polled, the first route of a fixed order also always met the first minutes of a new collector,
 * while it opens its alerts ("… on the stop-45 machine, by hand").
 */
export async function measureInterleaved(
  urls: Record<string, string>,
  options: { clients: number; total: number; slices: number; paceMs?: number },
): Promise<Record<string, Latency>> {
  const names = Object.keys(urls);
  const runs = new Map<string, LoadRun[]>(names.map((name) => [name, []]));
  const perSlice = Math.ceil(options.total / options.slices);
  for (let slice = 0; slice < options.slices; slice++) {
    for (let turn = 0; turn < names.length; turn++) {
      const name = names[(slice + turn) % names.length]!;
      runs.get(name)!.push(await runLoad(urls[name]!, { clients: options.clients, total: perSlice, paceMs: options.paceMs }));
    }
  }
  return Object.fromEntries(names.map((name) => [name, latencyOf(...runs.get(name)!)]));
}

function getconf(name: string, fallback: number): number {
  try {
    return Number(execFileSync("getconf", [name], { encoding: "utf8" }).trim()) || fallback;
  } catch {
    return fallback;
  }
}
const ticksPerSecond = getconf("CLK_TCK", 100);
const pageSize = getconf("PAGESIZE", 4096);

/** CPU seconds (user + system) and resident memory of a process and all its descendants (Linux /proc). */
export function readProcessTree(rootPid: number): { cpuSeconds: number; rssBytes: number } {
  const children = new Map<number, number[]>();
  const stats = new Map<number, string[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // "pid (comm) state ppid …": comm may contain spaces, so split after the last ")".
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const pid = Number(entry);
      stats.set(pid, fields);
      const parent = Number(fields[1]);
      children.set(parent, [...(children.get(parent) ?? []), pid]);
    } catch {
      // the process ended while we looked
    }
  }
  let cpuTicks = 0;
  let rssPages = 0;
  const pending = [rootPid];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    const fields = stats.get(pid);
    if (!fields) continue;
    // After "(comm) ": state=0, ppid=1, …, utime=11, stime=12, …, rss=21 (pages).
    cpuTicks += Number(fields[11]) + Number(fields[12]);
    rssPages += Number(fields[21]);
    pending.push(...(children.get(pid) ?? []));
  }
  return { cpuSeconds: cpuTicks / ticksPerSecond, rssBytes: rssPages * pageSize };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const mb = (bytes: number) => bytes / 1024 / 1024;

/** Heap in use after a full garbage collection (what is retained, not what is yet to be collected). */
export function retainedHeap(): number {
  return retainedMemory().heap;
}

/**
 * After two full GCs: the JavaScript heap in use, and the memory of ArrayBuffers (typed arrays'
 * contents live outside the heap, where heapUsed does not count them).
 */
export function retainedMemory(): { heap: number; arrayBuffers: number } {
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as () => void;
  gc();
  gc();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, arrayBuffers: usage.arrayBuffers };
}
