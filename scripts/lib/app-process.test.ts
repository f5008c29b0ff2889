import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./kafka-dist";
import { WEB_V8_FLAGS, webEnv, webNodeArgs } from "./app-process";
import { MMAP_THRESHOLD_BYTES } from "../../lib/collector/service/sampling-process";

describe("a web process's command line", () => {
  it("is the same in `npm start` as in the processes tests, the demo and benchmarks start", () => {
    const scripts = (JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toBe(`MALLOC_MMAP_THRESHOLD_=\${MALLOC_MMAP_THRESHOLD_:-${MMAP_THRESHOLD_BYTES}} exec node ${webNodeArgs().join(" ")} start`);
    expect(WEB_V8_FLAGS).toEqual(["--optimize-for-size", "--heap-growing-percent=25"]);
    expect(webNodeArgs().at(-1)).toBe(path.join("node_modules", "next", "dist", "bin", "next"));
    // The README's systemd unit for web replicas runs node itself: with the same flags and environment.
    const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
    expect(readme).toContain(`ExecStart=/usr/bin/node ${webNodeArgs().join(" ")} start -p %i`);
    expect(readme).toContain(`Environment=MALLOC_MMAP_THRESHOLD_=${MMAP_THRESHOLD_BYTES}\n`);
  });

  it("fixes MALLOC_MMAP_THRESHOLD_ at 4 MiB unless the environment has its own", () => {
    expect(webEnv({ PATH: "/bin" })).toEqual({ PATH: "/bin", MALLOC_MMAP_THRESHOLD_: "4194304" });
    expect(webEnv({ MALLOC_MMAP_THRESHOLD_: "65536" })).toEqual({ MALLOC_MMAP_THRESHOLD_: "65536" });
  });
});
