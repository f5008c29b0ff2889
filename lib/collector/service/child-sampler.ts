import "server-only";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { readSamplerHistory } from "@/lib/collector/history";
import { catalogContractSource } from "@/lib/collector/contract-source";
import type { SamplerControl, SamplerHandlers } from "@/lib/collector/service/sampler";
import type { ParentMessage, ChildMessage } from "@/lib/collector/service/child-protocol";
import { decodeSnapshot } from "@/lib/collector/service/sample-result";
import { loadGroups } from "@/lib/collector/service/lazy-groups";
import { SAMPLING_V8_FLAGS, samplingEnv } from "@/lib/collector/service/sampling-process";

/**
 * Samples in a child process (role `all`): Kafka reads, deriving and encoding snapshots happen
 * there, so the web server's event loop only decodes what arrives (in small batches), writes it
 * and serves requests. The child asks this process for what lives in the database (contracts,
 * saved producer windows), because the embedded PGlite database can be opened by one process
 * only. A child that dies is restarted and the clusters it sampled are started again.
 *
 * The child runs from a bundle made from the current sources when the first child is started
 * (buildSamplingChild), as the collector role does, not through tsx (scripts/build-collector.mjs
 * says why).
 */
export class ChildProcessSampler implements SamplerControl {
  private child: ChildProcess | null = null;
  private readonly active = new Map<string, { term: number; handlers: SamplerHandlers; savedState: Uint8Array | null }>();
  private term = 0;
  private closed = false;
  private retryingBuild = false;

  constructor(
    private readonly db: () => PrismaClient,
    private readonly windowMs: number,
    private readonly log: (message: string) => void,
  ) {}

  async start(cluster: string, savedState: Uint8Array | null, handlers: SamplerHandlers) {
    const term = ++this.term;
    this.active.set(cluster, { term, handlers, savedState });
    this.send({ type: "start", cluster, term, savedState });
  }

  async stop(cluster: string) {
    if (!this.active.delete(cluster)) return;
    this.send({ type: "stop", cluster });
  }

  async close() {
    this.closed = true;
    this.active.clear();
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  }

  /** To the running child, or to the one started for it (after the bundle is built, the first time). */
  private send(message: ParentMessage) {
    if (this.child) return this.post(this.child, message);
    // Messages sent while the bundle is built wait for it in the order they were sent.
    void buildSamplingChild().then(
      (bundle) => {
        if (!this.closed) this.post(this.ensureChild(bundle), message);
      },
      (error: unknown) => this.notBuilt(error),
    );
  }

  /** No bundle, no child: said once per failed build, and tried again in a while with every active cluster. */
  private notBuilt(error: unknown) {
    if (this.closed || this.retryingBuild) return;
    this.retryingBuild = true;
    this.log(`[collector] the sampling process could not be built (${String(error)}); trying again in ${BUILD_RETRY_MS / 1000} s`);
    setTimeout(() => {
      this.retryingBuild = false;
      this.restartActive();
    }, BUILD_RETRY_MS).unref?.();
  }

  /**
   * Sends to `child` unless its channel has closed: it died, and its 'exit' (which may come later)
   * starts a new child with every active cluster. Node.js reports a message it cannot send as an
   * 'error' event of the child unless the send has a callback: with no listener, an uncaught
   * exception, which Next.js's handler logs as such and any other host process would die of.
   */
  private post(child: ChildProcess, message: ParentMessage) {
    if (!child.connected) return;
    child.send(message, (error) => {
      if (error) this.log(`[collector] could not reach the sampling process: ${String(error)}`);
    });
  }

  private ensureChild(bundle: string): ChildProcess {
    if (this.child) return this.child;
    const child = spawn(process.execPath, [...SAMPLING_V8_FLAGS, bundle], {
      cwd: process.cwd(),
      env: samplingEnv(process.env),
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "advanced",
    });
    child.on("message", (message: ChildMessage) =>
      void this.receive(child, message).catch((error: unknown) => this.log(`[collector] a result of the sampling process was lost: ${String(error)}`)),
    );
    child.on("exit", (code, signal) => this.lost(child, `exited (${signal ?? code})`));
    // It could not be started (no pid) or signalled: without a listener, either is an uncaught exception.
    child.on("error", (error) => (child.pid === undefined ? this.lost(child, `could not start (${String(error)})`) : this.log(`[collector] sampling process: ${String(error)}`)));
    this.child = child;
    return child;
  }

  /** `child` is gone: a new one is started in a second for the active clusters. */
  private lost(child: ChildProcess, why: string) {
    if (this.child !== child) return;
    this.child = null;
    if (this.closed) return;
    this.log(`[collector] the sampling process ${why}; restarting it`);
    setTimeout(() => this.restartActive(), 1_000).unref?.();
  }

  private restartActive() {
    if (this.closed) return;
    for (const [cluster, entry] of this.active) this.send({ type: "start", cluster, term: entry.term, savedState: entry.savedState });
  }

  private async receive(child: ChildProcess, message: ChildMessage) {
    if (message.type === "sample" || message.type === "failure") {
      const entry = this.active.get(message.cluster);
      // A result from a term that was stopped since (a sample in flight) is dropped.
      if (!entry || entry.term !== message.term) return;
      if (message.type === "sample") {
        // The next leader term restarts from the newest state, should the child be restarted.
        entry.savedState = message.result.state ?? entry.savedState;
        const snapshot = await decodeSnapshot(message.result.encoded);
        // Publishing reads every group (history, alerts): parsed here between turns of the event loop.
        await loadGroups(snapshot);
        // Stopped while decoding: the term's results are no longer wanted.
        if (this.active.get(message.cluster) !== entry) return;
        await entry.handlers.onSample({ ...message.result, snapshot });
      } else await entry.handlers.onFailure(message.status);
      return;
    }
    if (message.type === "request") {
      try {
        // To the child that asked: a newer one numbers its requests from 1 again.
        this.post(child, { type: "reply", id: message.id, value: await this.answer(message.cluster, message.method, message.topics) });
      } catch (error) {
        this.post(child, { type: "reply", id: message.id, error: String(error) });
      }
    }
  }

  private answer(cluster: string, method: "revisions" | "schemas" | "samplerWindows", topics: string[]) {
    const contracts = catalogContractSource(this.db, cluster);
    if (method === "revisions") return contracts.revisions();
    if (method === "schemas") return contracts.schemas(topics);
    return readSamplerHistory(this.db(), { cluster, windowMs: this.windowMs });
  }
}

/** How long after a failed build of the sampling child's bundle it is tried again. */
const BUILD_RETRY_MS = 10_000;

let samplingChildBundle: Promise<string> | null = null;

/**
 * The sampling child's bundle (.collector/sampling-child.mjs), built from the current sources once
 * per process by scripts/build-collector.mjs (in its own process: esbuild's, about a second). A failed
 * build is tried again at the next call. Processes that build at once each write a file of their own
 * and rename it over the bundle, so none starts from half a file.
 */
export function buildSamplingChild(root = process.cwd()): Promise<string> {
  if (!samplingChildBundle) {
    samplingChildBundle = new Promise<string>((resolve, reject) => {
      execFile(process.execPath, [path.join(root, "scripts", "build-collector.mjs"), "sampling-child"], { cwd: root }, (error, _stdout, stderr) => {
        if (error) reject(new Error(stderr.trim() || error.message));
        else resolve(path.join(root, ".collector", "sampling-child.mjs"));
      });
    });
    samplingChildBundle.catch(() => (samplingChildBundle = null));
  }
  return samplingChildBundle;
}
