// Hostile catalog writes with one exact expectation each (issue 10): YAML alias bomb (422, well under
// a second), NUL and control characters (400), length limits (422), contracts naming a cluster that
// is not configured (refused), all-or-nothing imports; plus over-long URLs and headers (414/431, an
// answer rather than a dropped connection) and raw request lines the HTTP parser must refuse.
import { randomBytes } from "node:crypto";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_API_URL_LENGTH } from "@/lib/api/raw-url";
import { stack } from "../support/live-stack";
import { diffCatalog, snapshotCatalog, type CatalogRows } from "./support/catalog-rows";
import { errorShapeProblem, reportRequestCount, send, type RawResponse } from "./support/http";

const tag = `fz${randomBytes(3).toString("hex")}`;
const YAML = { "content-type": "application/yaml" };
const JSON_TYPE = { "content-type": "application/json" };
let before: CatalogRows;

const importYaml = (yaml: string, query = "") => send({ method: "POST", path: `/api/catalog/import${query}`, headers: YAML, body: yaml });
const expectError = (response: RawResponse, status: number, code: string) => {
  expect({ status: response.status, shape: errorShapeProblem(response), code: response.json?.error?.code }, response.text.slice(0, 300)).toEqual({ status, shape: null, code });
};
const teamYaml = (slug: string, name: string) => `  - slug: ${slug}\n    name: ${JSON.stringify(name)}\n`;

beforeAll(async () => {
  before = await snapshotCatalog();
});
afterAll(() => reportRequestCount("catalog-writes"));

describe("catalog writes under hostile input", () => {
  it("refuses a YAML alias bomb with 422 well under a second", async () => {
    // "Billion laughs": 9 levels of 9 aliases, 9^9 nodes once expanded.
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let level = 1; level < 9; level++) {
      const name = String.fromCharCode(97 + level);
      const previous = String.fromCharCode(96 + level);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
    }
    const bomb = `version: 1\n${levels.join("\n")}\nteams:\n  - slug: ${tag}-bomb\n    name: *i\n`;
    for (const query of ["", "?dryRun=1"]) {
      const response = await importYaml(bomb, query);
      expectError(response, 422, "unprocessable");
      expect(response.ms, `alias bomb answered in ${response.ms} ms`).toBeLessThan(1_000);
    }
  });

  it("refuses NUL and other control characters with 400, in YAML and in JSON", async () => {
    for (const control of ["\u0000", "\u0007", "\u001b"]) {
      expectError(await importYaml(`version: 1\nteams:\n${teamYaml(`${tag}-ctl`, `Bad${control}name`)}`), 400, "bad_request");
      expectError(await send({ method: "POST", path: "/api/catalog/teams", headers: JSON_TYPE, body: JSON.stringify({ slug: `${tag}-ctl`, name: `Bad${control}name` }) }), 400, "bad_request");
    }
    // A raw NUL byte in the file itself.
    expectError(await importYaml(`version: 1\nteams:\n  - slug: ${tag}-nul\n    name: a\u0000b\n`), 400, "bad_request");
  });

  it("enforces length limits with 422 and the field's error", async () => {
    const longName = await send({ method: "POST", path: "/api/catalog/teams", headers: JSON_TYPE, body: JSON.stringify({ slug: `${tag}-long`, name: "n".repeat(121) }) });
    expectError(longName, 422, "unprocessable");
    expect(longName.json.error.details.fieldErrors.name).toEqual(["Name must be at most 120 characters"]);
    const longSlug = await send({ method: "POST", path: "/api/catalog/teams", headers: JSON_TYPE, body: JSON.stringify({ slug: "s".repeat(250), name: "Long slug" }) });
    expectError(longSlug, 422, "unprocessable");
    expect(longSlug.json.error.details.fieldErrors.slug).toHaveLength(1);
    expectError(await importYaml(`version: 1\nteams:\n${teamYaml(`${tag}-long`, "n".repeat(121))}`), 422, "unprocessable");
  });

  it("refuses a contract naming a cluster that is not configured, through the API and the import", async () => {
    const viaApi = await send({ method: "POST", path: "/api/catalog/contracts", headers: JSON_TYPE, body: JSON.stringify({ cluster: "nowhere", topic: `${tag}.t`, owner: "orders" }) });
    expectError(viaApi, 422, "unprocessable");
    expect(viaApi.json.error.details.fieldErrors.cluster).toHaveLength(1);
    const viaImport = await importYaml(`version: 1\ncontracts:\n  - cluster: nowhere\n    topic: ${tag}.t\n    owner: orders\n`);
    expectError(viaImport, 422, "unprocessable");
  });

  it("applies an import all or nothing: one bad entry and nothing of the file is written", async () => {
    const yaml = [
      "version: 1",
      "teams:",
      teamYaml(`${tag}-good`, "Good team").trimEnd(),
      "services:",
      `  - slug: ${tag}-good-svc`,
      `    name: Good service`,
      `    team: ${tag}-good`,
      "contracts:",
      `  - cluster: nowhere`,
      `    topic: ${tag}.bad`,
      `    owner: ${tag}-good-svc`,
      "",
    ].join("\n");
    expectError(await importYaml(yaml), 422, "unprocessable");
    expect((await send({ path: `/api/catalog/teams/${tag}-good` })).status).toBe(404);
    expect((await send({ path: `/api/catalog/services/${tag}-good-svc` })).status).toBe(404);
  });

  it("answers an over-long URL with 414 or 431 and over-long headers with 431, never dropping the connection", async () => {
    for (const length of [20_000, 100_000]) {
      for (const path of [`/api/health?q=${"a".repeat(length)}`, `/api/clusters/local/groups/${"g".repeat(length)}`, `/clusters/local/topics?q=${"a".repeat(length)}`]) {
        const response = await send({ path, freshConnection: true });
        expect([414, 431], `${path.slice(0, 40)}… (${path.length} chars) → ${response.status}`).toContain(response.status);
      }
    }
    // Under Node's own 16 KiB limit but over the API's: the seam answers 414 with the JSON error body.
    for (const path of [`/api/health?q=${"a".repeat(MAX_API_URL_LENGTH)}`, `/api/clusters/local/groups/${"g".repeat(MAX_API_URL_LENGTH)}`]) {
      expectError(await send({ path, freshConnection: true }), 414, "uri_too_long");
    }
    const bigHeader = await send({ path: "/api/health", freshConnection: true, headers: { "x-fuzz": "h".repeat(20_000) } });
    expect(bigHeader.status).toBe(431);
    const manyHeaders = await send({ path: "/api/clusters", freshConnection: true, headers: Object.fromEntries(Array.from({ length: 400 }, (_, index) => [`x-fuzz-${index}`, "v".repeat(60)])) });
    expect(manyHeaders.status).toBe(431);
  });

  it("refuses request lines with raw control characters or spaces with a 4xx answer", async () => {
    const url = new URL(stack.appUrl);
    const rawStatus = (requestLine: string) =>
      new Promise<number>((resolve, reject) => {
        const socket = net.connect(Number(url.port), url.hostname, () => socket.end(Buffer.from(`${requestLine}\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`, "latin1")));
        let received = "";
        socket.setEncoding("latin1").on("data", (chunk: string) => (received += chunk));
        socket.on("error", reject);
        socket.on("close", () => {
          const match = /^HTTP\/1\.[01] (\d{3})/.exec(received);
          if (match) resolve(Number(match[1]));
          else reject(new Error(`no HTTP answer to ${JSON.stringify(requestLine)}: ${JSON.stringify(received.slice(0, 80))}`));
        });
        socket.setTimeout(15_000, () => socket.destroy(new Error("timeout")));
      });
    for (const line of ["GET /api/clusters/local/groups/a\u0001b HTTP/1.1", "GET /api/clusters/local/groups/a b HTTP/1.1", "GET /api/clusters/local/groups/\u0000 HTTP/1.1", "GET /api/\u00ff HTTP/1.1"]) {
      const status = await rawStatus(line);
      expect(status >= 400 && status < 500, `${JSON.stringify(line)} → ${status}`).toBe(true);
    }
  });

  it("left the catalog exactly as it was", async () => {
    expect(diffCatalog(before, await snapshotCatalog(), [])).toEqual([]);
  });
});
