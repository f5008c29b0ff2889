import { readdirSync } from "node:fs";
import os from "node:os";
import v8 from "node:v8";

/**
 * V8 flags of a sampling process's command line (the collector role, role `all`'s sampling child).
 *
 * --no-memory-reducer: V8's memory reducer watches for an allocation rate that drops, as it does
 * after each sample, and then runs up to three full collections in a row to shrink the heap, which
 * the next sample grows again at once. At 15,000 partitions it did so about once a minute: a 10 s
 * window at 12–15% of a core in place of 4–6%. The collector process measured 4.7–6.5% of a core with
 * it (four runs), 4.3–4.5% without it (two), with no more resident memory (BENCHMARKS.md, "no memory
 * reducer, two malloc arenas"). The heap stays in proportion to what survives anyway
 * (--heap-growing-percent, settleSamplingProcess below).
 *
 * --max-semi-space-size=8: half of V8's 16 MB young generation here, which is what saves the memory.
 * Alone it cost about a point of a core (more scavenges, more promoted), so it comes with
 * --single-threaded-gc: V8 collects on this thread alone, with no helper threads to hand marking,
 * sweeping and scavenges to. A sampling process has seconds to spare between samples, so longer
 * pauses cost it nothing seen. With both, the bench at 10,000 groups measured 8–9 MB less resident
 * memory in the first minute and 16–22 MB less once the alerts were open, and the CPU within noise
 * (by hand there, ~1.3 points of a core less; at 15,000 partitions by hand, no difference)
 * (BENCHMARKS.md, "one collecting thread, a smaller young generation").
 */
export const SAMPLING_V8_FLAGS = ["--no-memory-reducer", "--single-threaded-gc", "--max-semi-space-size=8"];

/**
 * Environment of a sampling process, each value only where the environment does not set it.
 *
 * MALLOC_ARENA_MAX=2: glibc gives each thread that allocates its own malloc arena, and keeps what the
 * arena once held; V8's garbage-collection and compiler helpers are four threads here. Two arenas
 * took ~13 MB off the collector's peak resident memory at 10,000 groups, with no CPU cost measured in
 * the first minute. Later, with 30,000 alerts firing, the two settings together saved ~15 MB and cost
 * about a point of CPU (BENCHMARKS.md).
 *
 * MALLOC_MMAP_THRESHOLD_=4194304: glibc serves a block of 128 KiB or more with an mmap of its own,
 * returned to the system when freed, but each such block freed raises that threshold to its size (up
 * to 32 MiB), and from then on blocks that large come from the malloc heap, which keeps the pages it
 * once held. A sample's largest buffers (the encoded snapshot's text: 18 MB at 10,000 groups) raised
 * it at the first sample: with 30,000 alerts firing the heap held ~104 MB resident, ~40 MB of it the
 * status windows. A fixed threshold (fixing it also stops the adjustment) gives blocks of 4 MiB or
 * more their own mmap every time: the process peaked 14–29 MB lower, at the same CPU. At glibc's own
 * 128 KiB the peak was as low, but every sample's mid-sized buffers (its lag columns are 1.4 MB each)
 * then came as fresh pages, for about half a point of a core more (BENCHMARKS.md, "a fixed mmap
 * threshold"). Other C libraries ignore both.
 */
export function samplingEnv<Env extends Record<string, string | undefined>>(env: Env): Env {
  return withFixedMmapThreshold({ ...env, MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? "2" });
}

/** `env` with MALLOC_MMAP_THRESHOLD_ fixed at MMAP_THRESHOLD_BYTES unless it sets one: sampling and web processes alike. */
export function withFixedMmapThreshold<Env extends Record<string, string | undefined>>(env: Env): Env {
  return { ...env, MALLOC_MMAP_THRESHOLD_: env.MALLOC_MMAP_THRESHOLD_ ?? String(MMAP_THRESHOLD_BYTES) };
}

/** samplingEnv's fixed mmap threshold. */
export const MMAP_THRESHOLD_BYTES = 4 * 1024 * 1024;

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
