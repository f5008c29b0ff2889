// Cross-site requests to server actions and the catalog import are refused (403) and write
// nothing; never a 5xx (Next.js alone answers a foreign Origin on a server action with a 500).
// Runs against the app, broker and database scripts/test.ts started; the action ids come from the
// build's server-reference manifest, the way a forged request would have to name them.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getJson, stack, uniqueName } from "@/tests/support/live-stack";

type ManifestEntry = { exportedName?: string; filename?: string; workers: Record<string, unknown> };

function actionId(file: string, exportedName: string): string {
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  const manifest = JSON.parse(readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, ManifestEntry>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === exportedName && (entry.filename ?? file).endsWith(file));
  if (!found) throw new Error(`no server action ${exportedName} of ${file} in the manifest`);
  return found[0];
}

const teamValues = (slug: string) => ({ slug, name: `Team ${slug}`, description: "", email: "", chatChannel: "", oncallUrl: "" });

/** A server action call as React's client sends it: the arguments encoded as a JSON reply. */
function callAction(page: string, id: string, args: unknown[], headers: Record<string, string>) {
  return fetch(`${stack.appUrl}${page}`, {
    method: "POST",
    headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", ...headers },
    body: JSON.stringify(args),
    redirect: "manual",
    signal: AbortSignal.timeout(20_000),
  });
}

const teamStatus = async (slug: string) => (await getJson(`/api/catalog/teams/${encodeURIComponent(slug)}`)).status;

describe("cross-site server action calls", () => {
  const createTeam = () => actionId("app/catalog/teams/actions.ts", "createTeamAction");
  const ownOrigin = () => new URL(stack.appUrl).origin;

  it("are refused with 403 and create nothing: foreign Origin, Sec-Fetch-Site, Origin null", async () => {
    const id = createTeam();
    const attempts: Record<string, string>[] = [
      { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
      { Origin: "https://evil.example" },
      { "Sec-Fetch-Site": "cross-site" },
      { "Sec-Fetch-Site": "same-site", Origin: "http://sibling.localhost" },
      { Origin: "null" },
    ];
    for (const headers of attempts) {
      const slug = uniqueName("xsite").replace(".", "-");
      const response = await callAction("/catalog/teams/new", id, [null, teamValues(slug)], headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(await response.json()).toEqual({ error: { code: "forbidden", message: expect.stringMatching(/^Cross-site request refused/) } });
      expect(await teamStatus(slug), JSON.stringify(headers)).toBe(404);
    }
  });

  it("refuses an HTML form post from another site (no Next-Action header, multipart body)", async () => {
    const id = createTeam();
    const slug = uniqueName("xform").replace(".", "-");
    const form = new FormData();
    form.set(`$ACTION_ID_${id}`, "");
    for (const [name, value] of Object.entries(teamValues(slug))) form.set(name, value);
    const response = await fetch(`${stack.appUrl}/catalog/teams/new`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
      body: form,
      redirect: "manual",
    });
    expect(response.status).toBe(403);
    expect(await teamStatus(slug)).toBe(404);
  });

  it("the same call from the app's own origin does create the team (the forged request is well-formed)", async () => {
    const slug = uniqueName("same").replace(".", "-");
    const response = await callAction("/catalog/teams/new", createTeam(), [null, teamValues(slug)], {
      Origin: ownOrigin(),
      "Sec-Fetch-Site": "same-origin",
    });
    expect(response.status).toBeLessThan(400);
    // redirect() after a successful fetch action: the client is told where to go.
    expect(response.headers.get("x-action-redirect")).toMatch(new RegExp(`^/catalog/teams/${slug}\\?saved=1`));
    expect(await teamStatus(slug)).toBe(200);
  });

  it("answers same-origin calls with arguments Next.js cannot decode with 400, not 500, and writes nothing", async () => {
    const id = createTeam();
    for (const body of ['["$Q1"]', '["$@5"]', "{nope", "1", '[null,{"slug":"$T"}]']) {
      const response = await fetch(`${stack.appUrl}/catalog/teams/new`, {
        method: "POST",
        headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Origin: ownOrigin(), "Sec-Fetch-Site": "same-origin" },
        body,
        redirect: "manual",
      });
      expect(response.status, body).toBe(400);
      expect(await response.json()).toEqual({ error: { code: "bad_request", message: "Malformed server action arguments" } });
    }
  });

  it("refuses a cross-site catalog import, as a server action and as a text/plain API post", async () => {
    const slug = uniqueName("ximport").replace(".", "-");
    const file = `version: 1\nteams:\n  - slug: ${slug}\n    name: Imported ${slug}\n`;
    const action = await callAction("/catalog/import", actionId("app/catalog/import/actions.ts", "applyImportAction"), [file], {
      Origin: "https://evil.example",
      "Sec-Fetch-Site": "cross-site",
    });
    expect(action.status).toBe(403);
    const api = await fetch(`${stack.appUrl}/api/catalog/import`, {
      method: "POST",
      headers: { "Content-Type": "text/plain", Origin: "https://evil.example" },
      body: file,
    });
    expect(api.status).toBe(403);
    expect(await teamStatus(slug)).toBe(404);
  });
});
