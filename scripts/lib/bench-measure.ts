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
  const elapsedSeconds = (performance.now() - started) / 1000;
  timings.sort((a, b) => a - b);
  return {
    requests: timings.length,
    errors,
    p50: percentile(timings, 0.5),
    p95: percentile(timings, 0.95),
    p99: percentile(timings, 0.99),
    max: timings.at(-1) ?? Number.NaN,
    perSecond: timings.length / elapsedSeconds,
  };
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
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
