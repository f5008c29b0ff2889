import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./kafka-dist";
import { WEB_V8_FLAGS, webNodeArgs } from "./app-process";

describe("a web process's command line", () => {
  it("is the same in `npm start` as in the processes tests, the demo and benchmarks start", () => {
    const scripts = (JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toBe(`node ${webNodeArgs().join(" ")} start`);
    expect(WEB_V8_FLAGS).toEqual(["--heap-growing-percent=50", "--max-semi-space-size=4"]);
    expect(webNodeArgs().at(-1)).toBe(path.join("node_modules", "next", "dist", "bin", "next"));
    // The README's systemd unit for web replicas runs node itself: with the same flags.
    expect(readFileSync(path.join(repoRoot, "README.md"), "utf8")).toContain(`ExecStart=/usr/bin/node ${webNodeArgs().join(" ")} start -p %i`);
  });
});
