// Every route handler of the app, read from app/api/**/route.ts and the methods each exports, so a
// route added later is fuzzed without anyone editing the suite.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "@/scripts/lib/kafka-dist";

export const WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"] as const;
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type Method = (typeof METHODS)[number];

export type Segment = { kind: "static"; value: string } | { kind: "dynamic"; name: string } | { kind: "catch-all"; name: string };

export type RouteHandler = {
  /** "/api/clusters/[cluster]/topics/[topic]" */
  template: string;
  file: string;
  segments: Segment[];
  methods: Method[];
  dynamicNames: string[];
  hasCatchAll: boolean;
};

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return /^route\.(ts|tsx|js)$/.test(entry.name) ? [full] : [];
  });
}

/** Methods a route module exports: `export const GET =`, `export async function POST`, `export { x as PUT }`. */
export function exportedMethods(source: string): Method[] {
  const found = new Set<Method>();
  // The seam's `export const { GET, POST, … } = routeMethods({ GET: …, POST: … })` exports every
  // method (the missing ones answer 405): the route has the methods given to routeMethods.
  const table = /routeMethods\(\s*\{([\s\S]*)\}\s*\)/.exec(source);
  if (table) {
    for (const match of table[1]!.matchAll(/^\s*([A-Z]+)\s*:/gm)) {
      if ((METHODS as readonly string[]).includes(match[1]!)) found.add(match[1] as Method);
    }
    return METHODS.filter((method) => found.has(method));
  }
  for (const match of source.matchAll(/export\s+(?:const|let|var|async\s+function|function)\s+([A-Z]+)\b/g)) {
    if ((METHODS as readonly string[]).includes(match[1]!)) found.add(match[1] as Method);
  }
  for (const block of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of block[1]!.split(",")) {
      const name = part.trim().split(/\s+as\s+/).pop()!.trim();
      if ((METHODS as readonly string[]).includes(name)) found.add(name as Method);
    }
  }
  return METHODS.filter((method) => found.has(method));
}

export function listRouteHandlers(): RouteHandler[] {
  const apiDir = path.join(repoRoot, "app", "api");
  return walk(apiDir)
    .map((file) => {
      const relative = path.relative(path.join(repoRoot, "app"), path.dirname(file)).split(path.sep);
      // Route groups "(x)" and parallel slots "@x" are not part of the URL.
      const parts = relative.filter((part) => !/^\(.*\)$/.test(part) && !part.startsWith("@"));
      const segments: Segment[] = parts.map((part) => {
        const catchAll = /^\[\[?\.\.\.(.+?)\]\]?$/.exec(part);
        if (catchAll) return { kind: "catch-all", name: catchAll[1]! };
        const dynamic = /^\[(.+)\]$/.exec(part);
        return dynamic ? { kind: "dynamic", name: dynamic[1]! } : { kind: "static", value: part };
      });
      return {
        template: `/${parts.join("/")}`,
        file: path.relative(repoRoot, file),
        segments,
        methods: exportedMethods(readFileSync(file, "utf8")),
        dynamicNames: segments.flatMap((segment) => (segment.kind === "dynamic" ? [segment.name] : [])),
        hasCatchAll: segments.some((segment) => segment.kind === "catch-all"),
      };
    })
    .sort((a, b) => a.template.localeCompare(b.template));
}

/** Records the suite creates for routes whose names the demo has none of (an alert, a channel, a silence, a team rule). */
export const fixtures = { alertId: "", channelId: "", silenceId: "", ruleName: "" };

/** The built-in alert rule the fuzz cases name (any built-in is a valid `[rule]`). */
export const FUZZ_RULE = "time-lag-objective";

/**
 * A value that exists on the test stack for each dynamic segment (the demo catalog and traffic, and
 * `fixtures`), so that a case changes one thing at a time. The segment's parent folder says what it names.
 */
export function validSegmentValue(route: RouteHandler, index: number): string {
  const segment = route.segments[index]!;
  if (segment.kind !== "dynamic") throw new Error("not a dynamic segment");
  const parent = route.segments[index - 1];
  const parentName = parent?.kind === "static" ? parent.value : "";
  switch (segment.name) {
    case "cluster":
      return "local";
    case "topic":
      return "orders.created";
    case "group":
      return "payments-service";
    case "slug":
      return parentName === "teams" ? "commerce" : "orders";
    case "partition":
      return "0";
    case "offset":
      return "0";
    case "team":
      return "commerce";
    case "rule":
      return FUZZ_RULE;
    case "name":
      return fixtures.ruleName;
    case "id":
      return parentName === "channels" ? fixtures.channelId : parentName === "silences" ? fixtures.silenceId : fixtures.alertId;
    default:
      return "x";
  }
}

/** Builds the path of `route` with every dynamic segment valid except those given in `override` (raw, sent as is). */
export function buildPath(route: RouteHandler, override: Record<number, string> = {}): string {
  return (
    "/" +
    route.segments
      .map((segment, index) => {
        if (override[index] !== undefined) return override[index];
        if (segment.kind === "static") return segment.value;
        if (segment.kind === "catch-all") return "x";
        return encodeURIComponent(validSegmentValue(route, index));
      })
      .join("/")
  );
}
