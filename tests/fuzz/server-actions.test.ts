// Fuzz (fast-check, fixed seed) of every server action of the build: a server action is a POST to a
// page URL with `Next-Action: <id>`, the ids listed in <NEXT_DIST_DIR>/server/server-reference-manifest.json.
// Bad arguments (wrong types, control characters, malformed encodings) must never give a 5xx;
// requests from another origin (Origin / Sec-Fetch-Site, fetch, form and text posts) must be
// refused with a 4xx (403 from the seam, or Next's own refusal) and write nothing.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "@/scripts/lib/kafka-dist";
import { jsonOfKinds, runs, textWithControl } from "./support/arbitraries";
import { diffCatalog, snapshotCatalog, type CatalogRows } from "./support/catalog-rows";
import { CROSS_SITE_HEADERS, Findings, reportRequestCount, sameOriginHeaders, send, type RawRequest } from "./support/http";

type Action = { id: string; name: string | undefined; page: string };

const tag = `fz${randomBytes(3).toString("hex")}`;
let counter = 0;
const fresh = (what: string) => `${tag}-${what}-${++counter}`;
const findings = new Findings();
let before: CatalogRows;

/** Where the test stack's build is: scripts/test.ts sets NEXT_DIST_DIR for the whole run. */
function readActions(): Action[] {
  const distDir = process.env.TEST_NEXT_DIST_DIR ?? process.env.NEXT_DIST_DIR;
  if (!distDir) throw new Error("NEXT_DIST_DIR is not set: run the fuzz suite through `npm test` (scripts/test.ts)");
  const manifestPath = path.resolve(repoRoot, distDir, "server", "server-reference-manifest.json");
  if (!existsSync(manifestPath)) throw new Error(`no server action manifest at ${manifestPath}`);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    node: Record<string, { exportedName?: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).flatMap(([id, entry]) =>
    Object.keys(entry.workers)
      .filter((worker) => worker.endsWith("/page"))
      .slice(0, 1)
      .map((worker) => ({ id, name: entry.exportedName, page: pageUrl(worker) })),
  );
}

/** "app/catalog/teams/[slug]/edit/page" → "/catalog/teams/commerce/edit" (values that exist in the demo catalog). */
function pageUrl(worker: string): string {
  const parts = worker.replace(/^app\//, "").replace(/\/?page$/, "").split("/").filter((part) => part && !/^\(.*\)$/.test(part) && !part.startsWith("@"));
  return `/${parts
    .map((part, index) => {
      const name = /^\[(.+)\]$/.exec(part)?.[1];
      if (!name) return part;
      if (name === "cluster") return "local";
      if (name === "topic") return "orders.created";
      if (name === "group") return "payments-service";
      return parts[index - 1] === "teams" ? "commerce" : "orders";
    })
    .join("/")}`;
}

const actions = readActions();
const isImport = (action: Action) => /import/i.test(action.name ?? "") || action.page.includes("/import");

/** React's reply encoding of plain arguments (what the client's fetch sends): JSON, "$" escaped as "$$". */
function encodeArgs(args: readonly unknown[]): string {
  return JSON.stringify(args, (_key, value: unknown) => (typeof value === "string" && value.startsWith("$") ? `$${value}` : value));
}

function actionRequest(action: Action, body: string | Buffer, headers: Record<string, string> = {}, contentType = "text/plain;charset=UTF-8"): RawRequest {
  return { method: "POST", path: action.page, headers: { accept: "text/x-component", "next-action": action.id, "content-type": contentType, ...headers }, body };
}

/** Arguments a cross-site page would send to create something: a new team, or a catalog file adding one. */
function createArgs(action: Action): { args: unknown[]; slug: string } {
  const slug = fresh("xs");
  if (isImport(action)) return { args: [`version: 1\nteams:\n  - slug: ${slug}\n    name: Cross-site\n`], slug };
  return { args: [null, { slug, name: "Cross-site", team: "commerce", cluster: "local", topic: slug, owner: "orders", version: 1 }], slug };
}

function multipart(fields: Record<string, string>, boundary = "----fzboundary"): { body: string; type: string } {
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  return { body: `${parts.join("")}--${boundary}--\r\n`, type: `multipart/form-data; boundary=${boundary}` };
}

beforeAll(async () => {
  before = await snapshotCatalog();
});
afterAll(() => reportRequestCount("server-actions"));

describe("fuzz: server actions", () => {
  it("finds the server actions of the build", () => {
    console.log(`fuzzing ${actions.length} server actions: ${actions.map((action) => `${action.name ?? action.id.slice(0, 8)} @ ${action.page}`).join("; ")}`);
    expect(actions.length).toBeGreaterThanOrEqual(8);
  });

  it("runs a valid same-origin action (the encoding used below reaches the action)", async () => {
    const create = actions.find((action) => action.name === "createTeamAction");
    expect(create, "createTeamAction in the manifest (exportedName)").toBeDefined();
    const slug = `${tag}-valid`;
    const response = await send(actionRequest(create!, encodeArgs([null, { slug, name: "Fuzz action team" }]), sameOriginHeaders()));
    expect(response.status, response.text.slice(0, 200)).toBeLessThan(400);
    const team = await send({ path: `/api/catalog/teams/${slug}` });
    expect(team.status).toBe(200);
    expect((await send({ method: "DELETE", path: `/api/catalog/teams/${slug}?version=1`, headers: sameOriginHeaders() })).status).toBe(200);
  });

  it("never answers 5xx to bad arguments, well-formed or not", async () => {
    const wellFormed = fc.oneof(
      jsonOfKinds(["number", "boolean", "null", "array", "object", "string", "numberArray", "deep"]).map((value) => [null, value]),
      fc.record({ slug: jsonOfKinds(["number", "array", "object", "null"]), name: jsonOfKinds(["number", "boolean", "object"]) }).map((values) => [null, values]),
      fc.record({ slug: fc.constant(`${tag}-ctl`), name: textWithControl }).map((values) => [null, values]),
      fc.record({ slug: fc.constant("commerce"), version: jsonOfKinds(["string", "numberArray", "boolean", "object"]), values: fc.constant({ slug: "commerce", name: "Hijacked" }) }).map((input) => [null, input]),
      fc.constantFrom([], [1, 2, 3, 4, 5, 6], [null, { slug: "x".repeat(100_000), name: "n" }], ["\u0000"], [null, { slug: "$$", name: "$undefined" }]),
    );
    const malformed = fc.oneof(
      fc.constantFrom("", "{nope", "[", "\u0000", '["$Q1"]', '["$@5"]', '["$K1"]', '["$T"]', '["$h1"]', '["$F9"]', '["$B1"]', '["$n"]', '["$D"]', '"$$$"', "[".repeat(5000)),
      fc.string({ maxLength: 60 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...actions),
        fc.oneof(wellFormed.map((args) => ({ shape: "well-formed", body: encodeArgs(args) })), malformed.map((body) => ({ shape: "malformed encoding", body }))),
        fc.boolean(),
        async (action, { shape, body }, asForm) => {
        // The same payload as a multipart reply (the encoding used when an argument holds a file or FormData).
        const request = asForm
          ? (({ body: formBody, type }) => actionRequest(action, formBody, sameOriginHeaders(), type))(multipart({ "0": body }))
          : actionRequest(action, body, sameOriginHeaders());
        const response = await send(request);
        findings.check(`bad arguments (${shape}${asForm ? ", multipart" : ""}) ${action.name ?? action.id.slice(0, 8)}`, request, response, Array.from({ length: 400 }, (_, index) => 100 + index));
        },
      ),
      runs(200),
    );
    // An action id that does not exist, and one that is not even hex.
    for (const id of ["00".repeat(21), "zz", "../../etc/passwd", "%00"]) {
      const response = await send(actionRequest({ ...actions[0]!, id }, "[]", sameOriginHeaders()));
      findings.check(`unknown action id ${id}`, { method: "POST", path: actions[0]!.page }, response, Array.from({ length: 400 }, (_, index) => 100 + index));
    }
    expect(findings.mismatches, findings.summary()).toEqual([]);
  });

  it("refuses actions from another origin with a 4xx and writes nothing: fetch, text/plain and form posts", async () => {
    const refusals: string[] = [];
    const attempted: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...actions), fc.constantFrom(...CROSS_SITE_HEADERS), fc.constantFrom("fetch", "form", "urlencoded"), async (action, variant, shape) => {
        const { args, slug } = createArgs(action);
        attempted.push(slug);
        let request: RawRequest;
        if (shape === "fetch") request = actionRequest(action, encodeArgs(args), variant.headers);
        else if (shape === "form") {
          // A plain HTML <form method=post enctype=multipart/form-data> on the other site: no Next-Action header.
          const form = multipart({ [`$ACTION_ID_${action.id}`]: "", slug, name: "Cross-site", team: "commerce" });
          request = { method: "POST", path: action.page, headers: { ...variant.headers, "content-type": form.type }, body: form.body };
        } else {
          request = actionRequest(action, new URLSearchParams({ slug, name: "Cross-site" }).toString(), variant.headers, "application/x-www-form-urlencoded");
        }
        const response = await send(request);
        const ok = findings.check(`cross-site ${shape} (${variant.label}) ${action.name ?? action.id.slice(0, 8)}`, request, response, Array.from({ length: 100 }, (_, index) => 400 + index));
        if (ok && response.status !== 403) refusals.push(`${shape} ${variant.label} → ${response.status}`);
      }),
      runs(150),
    );
    if (refusals.length > 0) console.log(`cross-site actions refused by Next itself rather than 403: ${[...new Set(refusals)].join("; ")}`);
    const written: string[] = [];
    for (const slug of attempted) if ((await send({ path: `/api/catalog/teams/${slug}` })).status !== 404) written.push(slug);
    expect(written, "teams created by cross-site requests").toEqual([]);
    expect(findings.mismatches.filter((mismatch) => mismatch.what.startsWith("cross-site")), findings.summary()).toEqual([]);
  });

  it("left the catalog as it was, apart from the one valid team it created and deleted", async () => {
    console.log(`server action fuzz: ${findings.cases} cases checked, ${findings.mismatches.length} not as agreed`);
    expect(diffCatalog(before, await snapshotCatalog(), [`${tag}-valid`])).toEqual([]);
  });
});
