import { readdirSync } from "node:fs";
import os from "node:os";
import v8 from "node:v8";

/**
 * How a sampling process (the collector role, or role `all`'s sampling child) treats the machine
 * it shares. Called once, before the first sample.
 *
 * Heap: a sample allocates many short-lived objects (Kafka answers, the snapshot and its encoding)
 * and V8, left to itself on a machine with memory to spare, lets the heap grow to several times
 * what survives before collecting: at 10,000 groups the collector sat at 800 MB resident for
 * under 200 MB live. Growing the heap by at most half of what survived the last full collection
 * keeps it in proportion to the live set, which follows the cluster's size, for more frequent
 * collections (BENCHMARKS.md has both). A command line with --heap-growing-percent keeps its own.
 *
 * Priority: sampling is batch work that may finish a little later; requests may not. Below normal
 * priority, a collector on the same machine as web replicas (or role `all`'s child beside its web
 * server) gets the CPU the requests leave. On a machine of its own it changes nothing.
 */
export function settleSamplingProcess(): void {
  if (!process.execArgv.some((arg) => arg.startsWith("--heap-growing-percent"))) v8.setFlagsFromString("--heap-growing-percent=50");
  // On Linux a priority belongs to a thread, and V8's garbage-collection helpers and libuv's pool
  // already run: each thread of the process is set (threads started later inherit it).
  for (const thread of threadIds()) {
    try {
      os.setPriority(thread, os.constants.priority.PRIORITY_BELOW_NORMAL);
    } catch {
      // Not permitted (a container that forbids it), or the thread has ended: normal priority.
    }
  }
}

/** This process's threads (Linux), or [0]: the calling one, where there is no /proc. */
function threadIds(): number[] {
  try {
    return readdirSync("/proc/self/task").map(Number);
  } catch {
    return [0];
  }
}
