// Starts the built web app (`next start`) as a child process and waits until it answers.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { repoRoot } from "./kafka-dist";
import { withFixedMmapThreshold } from "../../lib/collector/service/sampling-process";

export type RunningApp = { url: string; process: ChildProcess; stop(): Promise<void> };

const nextBin = path.join(repoRoot, "node_modules", "next", "dist", "bin", "next");

/**
 * V8 flags of a web process (`npm start`'s command line, package.json says the same; tests, the demo
 * and the benchmarks start it this way too). With V8's defaults a replica at 10,000 groups, after five
 * loads of the groups page and a closed loop of 50 clients on the lists, peaked at 493–512 MB resident
 * and was still at 513–538 MB 30 s later, for ~36 MB that survives a full collection: the old
 * generation filled with the garbage of the requests in flight (200 MB) before V8 collected it, and
 * only its memory reducer, some 30 s after the load, gave the memory back.
 *
 * --optimize-for-size: V8 sizes its heap for memory rather than speed (Heap::ShouldOptimizeForMemoryUsage):
 * it grows the old generation conservatively, and every full collection evacuates the pages that are
 * a fifth free, not only those seven tenths free (as its memory reducer does, 15–30 s after a load). The flag
 * implies a young generation of 1 MB per semi-space (V8's DEFINE_VALUE_IMPLICATION; a
 * --max-semi-space-size beside it is overridden). Under long closed loops on the lists a replica's
 * resident memory otherwise ratcheted up with the length of the load (263–308 MB after three rounds of
 * 3,000 requests on each route, by hand); with this flag it stayed at 200–206 MB, for 11% more CPU a
 * request on the floor route and 22–27% more on the lists (they allocate more, and a young generation
 * of 1 MB semi-spaces collects more often), at the same idle CPU (BENCHMARKS.md, "A web replica optimized for
 * size, by hand (stop 49)"). Semi-spaces of 1 MB alone (--max-semi-space-size=1) still ratcheted, to
 * 281 MB.
 * --heap-growing-percent=25: the old generation grows by at most a quarter of what survived the last
 * full collection (the sampling processes allow half: lib/collector/service/sampling-process.ts); V8
 * caps the growth at 30% when it optimizes for memory, and the smaller of the two applies.
 * Before, without --optimize-for-size: a quarter peaked 21–32 MB lower than a half on the same runs
 * (BENCHMARKS.md, "A web replica's heap growth, by hand (stop 48)"), and --max-semi-space-size=4 had
 * taken the peak from ~500 MB to 307–314 MB ("A web replica's heap under load, by hand").
 */
export const WEB_V8_FLAGS = ["--optimize-for-size", "--heap-growing-percent=25"];
/** `npm start`'s node arguments before `next start`'s own. */
export const webNodeArgs = (): string[] => [...WEB_V8_FLAGS, path.relative(repoRoot, nextBin)];

/**
 * Environment of a web process (`npm start` sets the same), the value only where the environment
 * does not set it.
 *
 * MALLOC_MMAP_THRESHOLD_=4194304, as in the sampling processes (samplingEnv): a replica inflates
 * each published snapshot into one buffer (about 6 MB at 10,000 groups, every 10 s), which lives
 * until V8's next full collection. Left to adjust itself, glibc raised its mmap threshold past that
 * size at the first one freed (and the size of free memory it keeps at the top of its heap to twice
 * that), so from then on these buffers came from the malloc heap, which kept pages it no longer used:
 * by hand, malloc held 40–59 MB more after a closed loop than before it, to the end of the run. A
 * fixed threshold stops the adjustment: each snapshot's buffer is an mmap of its own, returned when
 * it is collected, and malloc held 11 MB more after the load than before it: the replica was 40–56 MB
 * smaller once V8 had shrunk its heap (BENCHMARKS.md, "A web replica's fixed mmap threshold, by hand").
 */
export const webEnv = withFixedMmapThreshold;

/** Runs `next build` in the foreground; throws when it fails. */
export async function buildApp(env: Record<string, string | undefined> = {}): Promise<void> {
  await runForeground(process.execPath, [nextBin, "build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env });
}

/**
 * Starts `next start` (or `next dev` with mode "dev") on `port` and resolves once /api/health
 * answers at all (200 or 503: the app is up even when a dependency is not).
 */
export async function startApp(options: {
  port: number;
  env: Record<string, string | undefined>;
  mode?: "start" | "dev";
  /** Interface to listen on; default: every interface, as `next start` does (so "localhost" works for IPv4 and IPv6). */
  hostname?: string;
  logFile?: string;
  timeoutMs?: number;
}): Promise<RunningApp> {
  const url = `http://127.0.0.1:${options.port}`;
  if (await isListening(options.port)) {
    throw new Error(`port ${options.port} is already in use (another Tributary or web server?); stop it or choose another port`);
  }
  const hostArgs = options.hostname ? ["-H", options.hostname] : [];
  const mode = options.mode ?? "start";
  const node = mode === "start" ? [...WEB_V8_FLAGS, nextBin] : [nextBin];
  const child = spawn(process.execPath, [...node, mode, "-p", String(options.port), ...hostArgs], {
    cwd: repoRoot,
    env: webEnv({ ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...options.env }) as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (options.logFile) {
    mkdirSync(path.dirname(options.logFile), { recursive: true });
    const log = createWriteStream(options.logFile);
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  } else {
    child.stdout?.resume();
    child.stderr?.resume();
  }
  const stop = () => stopChild(child);
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the web app exited with code ${child.exitCode} before answering`);
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(15_000) });
      if (response.status === 200 || response.status === 503) return { url, process: child, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error(`the web app did not answer on ${url} within ${(options.timeoutMs ?? 120_000) / 1000}s`);
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Runs a command with inherited output; rejects on a non-zero exit. */
export function runForeground(command: string, args: string[], env: Record<string, string | undefined> = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, env: env as NodeJS.ProcessEnv, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}
