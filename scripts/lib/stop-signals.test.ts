import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { describe, expect, it } from "vitest";

// A real process, signalled as Ctrl-C under `npm run` signals it: SIGINT, and the same again at once.
const SCRIPT = `
import { onStopSignal } from ${JSON.stringify(path.resolve("scripts/lib/stop-signals.ts"))};
onStopSignal((signal) => {
  console.log("stopping on " + signal);
  setTimeout(() => { console.log("stopped"); process.exit(0); }, 1500);
}, (message) => console.log(message));
console.log("ready");
setInterval(() => {}, 1000);
`;

describe("onStopSignal", () => {
  it("finishes stopping when the signal comes again while it stops", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", SCRIPT], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    await expect.poll(() => output, { timeout: 20_000 }).toContain("ready");
    child.kill("SIGINT");
    await expect.poll(() => output).toContain("stopping on SIGINT");
    child.kill("SIGINT");
    await expect.poll(() => output).toContain("SIGINT: already stopping");
    child.kill("SIGTERM");
    const [code, signal] = await once(child, "exit");
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(output.trim().split("\n")).toEqual(["ready", "stopping on SIGINT", "SIGINT: already stopping", "SIGTERM: already stopping", "stopped"]);
  }, 30_000);
});
