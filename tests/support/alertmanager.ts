// A real Prometheus Alertmanager (Debian's prometheus-alertmanager) for the alerts tests, started
// on a free port with scripts/alertmanager/alertmanager.yml, its receiver pointed at the test's
// local HTTP receiver. Stopped (and its storage removed) by stop().
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const BINARIES = ["/usr/bin/prometheus-alertmanager", "/usr/bin/alertmanager"];
const CONFIG_TEMPLATE = path.resolve("scripts/alertmanager/alertmanager.yml");

export type RunningAlertmanager = { url: string; stop(): Promise<void>; log(): string };

/** A port the OS says is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startAlertmanager(receiverUrl: string): Promise<RunningAlertmanager> {
  const binary = BINARIES.find((candidate) => existsSync(candidate));
  if (!binary) throw new Error("Alertmanager is not installed: apt-get install prometheus-alertmanager (.ci/run does)");
  const dir = mkdtempSync(path.join(tmpdir(), "tributary-alertmanager-"));
  const config = path.join(dir, "alertmanager.yml");
  writeFileSync(config, readFileSync(CONFIG_TEMPLATE, "utf8").replace("url: RECEIVER_URL", `url: ${receiverUrl}`));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child: ChildProcess = spawn(
    binary,
    [`--config.file=${config}`, `--storage.path=${path.join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`, "--cluster.listen-address="],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.on("data", (chunk) => (output += String(chunk)));
  child.stderr?.on("data", (chunk) => (output += String(chunk)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Alertmanager exited (${child.exitCode}):\n${output}`);
    const ready = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(2_000) }).then((response) => response.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Alertmanager not ready within 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, stop, log: () => output };
}
