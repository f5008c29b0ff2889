// Real collector and web processes for tests of the process roles: `npm run collector`'s command
// and `next start` in role web, on one PostgreSQL database. Nothing is simulated: kill -9 is
// SIGKILL and a pause is SIGSTOP.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { repoRoot } from "@/scripts/lib/kafka-dist";
import { startApp, type RunningApp } from "@/scripts/lib/app-process";
import { collectorEnv, collectorNodeArgs } from "@/scripts/lib/collector-command";

export type CollectorProcess = {
  pid: number;
  output(): string;
  /** How it ended ("exit code 1", "signal SIGKILL"), or null while it runs. */
  ended(): string | null;
  /** Graceful stop (SIGTERM: the lease is handed over). */
  stop(): Promise<void>;
  kill9(): Promise<void>;
  pause(): void;
  resume(): void;
  /** Closes this end of its stdout and stderr pipes: its writes fail with EPIPE from then on. */
  closeOutput(): void;
};

export function startCollectorProcess(env: Record<string, string>): CollectorProcess {
  const child: ChildProcess = spawn(
    process.execPath,
    collectorNodeArgs(),
    { cwd: repoRoot, env: collectorEnv({ ...process.env, TRIBUTARY_ROLE: "collector", COLLECTOR_HEALTH_PORT: "0", ...env }), stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(name);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  };
  return {
    pid: child.pid!,
    output: () => output,
    ended: () => (child.exitCode !== null ? `exit code ${child.exitCode}` : child.signalCode !== null ? `signal ${child.signalCode}` : null),
    stop: () => signal("SIGTERM"),
    kill9: () => signal("SIGKILL"),
    pause: () => child.kill("SIGSTOP"),
    resume: () => child.kill("SIGCONT"),
    closeOutput: () => {
      child.stdout!.destroy();
      child.stderr!.destroy();
    },
  };
}

/** A web replica: the built app (`next start`) in role web. */
export function startWebReplica(port: number, env: Record<string, string>, name: string): Promise<RunningApp> {
  const resultsDir = process.env.TEST_RESULTS_DIR ?? path.join(repoRoot, "test-results");
  return startApp({ port, hostname: "127.0.0.1", env: { TRIBUTARY_ROLE: "web", ...env }, logFile: path.join(resultsDir, `${name}.log`) });
}

/** The pid a lease holder id names ("host:pid:random"). */
export function pidOfHolder(holder: string): number {
  return Number(holder.split(":").at(-2));
}
