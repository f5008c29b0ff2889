// Resilience (real broker + app): the broker is stopped under the running app, then started
// again. The API keeps answering with the last snapshot marked stale and its age, /api/health
// says what is wrong, and fresh data returns by itself once the broker is back.
import { afterAll, describe, expect, it } from "vitest";
import { startKafka, stopKafka } from "@/scripts/lib/local-kafka";
import { clusterPath, getJson, pollUntil, sleep, stack } from "../support/live-stack";

let brokerStopped = false;

afterAll(async () => {
  // Whatever failed above, later stages (and a rerun) expect the broker up.
  if (brokerStopped) await startKafka({ port: stack.kafkaPort, dataDir: stack.kafkaDataDir });
});

const overview = () => getJson(clusterPath("/overview"));

describe("broker outage", () => {
  it("serves stale data with its age while Kafka is down and recovers when it is back", async () => {
    const interval = stack.intervalMs;
    const fresh = await pollUntil(
      "a fresh overview",
      async () => {
        const response = await overview();
        return response.status === 200 && response.body.freshness.stale === false ? response : undefined;
      },
      { timeoutMs: 30_000 },
    );
    const clusterId = fresh.body.overview.clusterId;
    expect(clusterId).toMatch(/\S/);
    // The lists as the last samples before the stop saw them: the stale ones must be the same.
    const totals = { "/topics": (await getJson(clusterPath("/topics"))).body.total, "/groups": (await getJson(clusterPath("/groups"))).body.total };
    expect(totals["/groups"]).toBeGreaterThan(0);
    expect(await catalogStaleMarker()).toBeNull();

    const stoppedAt = Date.now();
    const stopped = await stopKafka({ dataDir: stack.kafkaDataDir });
    brokerStopped = true;
    expect(stopped.stopped).toBe(true);

    // The first sample after the stop fails within a few intervals. While the broker shuts down
    // cleanly it may still answer, without its group coordinator (it lists no groups then: the
    // collector must not take that for "no groups"); then ECONNREFUSED, which is immediate.
    const reasons = new Set<string>();
    const stale = await pollUntil(
      "the overview to turn stale with Kafka unreachable",
      async () => {
        const response = await overview();
        if (response.body.freshness?.stale !== true) return undefined;
        reasons.add(response.body.freshness.lastError);
        return UNREACHABLE(stack.brokers).test(response.body.freshness.lastError) ? response : undefined;
      },
      { timeoutMs: 5 * interval + 10_000 },
    );
    console.log(`reasons while stale: ${JSON.stringify([...reasons])}`);
    for (const reason of reasons) expect(reason).toMatch(new RegExp(`${UNREACHABLE(stack.brokers).source}|${COORDINATOR_GONE.source}`));
    console.log(`stale ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s after the stop began (stop took ${stopped.forced ? "a forced kill" : "a clean shutdown"})`);
    expect(stale.status).toBe(200);
    expect(stale.body.overview.clusterId).toBe(clusterId);
    expect(stale.body.freshness.lastError).toMatch(UNREACHABLE(stack.brokers));
    expect(stale.body.freshness.ageSeconds).toBeGreaterThan(0);

    // The same snapshot, older by the time that passed.
    await sleep(2_000);
    const older = await overview();
    expect(older.status).toBe(200);
    expect(older.body.freshness.stale).toBe(true);
    expect(older.body.freshness.sampledAt).toBe(stale.body.freshness.sampledAt);
    const aged = older.body.freshness.ageSeconds - stale.body.freshness.ageSeconds;
    expect(aged).toBeGreaterThanOrEqual(2);
    expect(aged).toBeLessThan(4);

    for (const path of ["/topics", "/groups"]) {
      const list = await getJson(clusterPath(path));
      expect(list.status, path).toBe(200);
      expect(list.body.freshness.stale, path).toBe(true);
      expect(list.body.total, path).toBe(totals[path as keyof typeof totals]);
    }

    // The catalog overview (a server-rendered page) says so like every other page does.
    expect(await catalogStaleMarker()).toMatch(
      new RegExp(`^Showing data from (\\d+m )?\\d+s ago\\. Kafka is unreachable: cannot reach Kafka at ${stack.brokers.replaceAll(".", "\\.")}\\b.*\\. Retrying in the background\\.$`),
    );

    const health = await getJson("/api/health");
    expect(health.status).toBe(503);
    expect(health.body.status).toBe("degraded");
    expect(health.body.kafka).toEqual([
      // What the collector saw on its last attempt (a web process makes no Kafka calls of its own).
      expect.objectContaining({ cluster: "local", ok: false, reason: expect.stringMatching(/^cannot reach Kafka at 127\.0\.0\.1:\d+ \(Connection error: connect ECONNREFUSED 127\.0\.0\.1:\d+\)$/) }),
    ]);
    expect(health.body.database.ok).toBe(true);

    const started = await startKafka({ port: stack.kafkaPort, dataDir: stack.kafkaDataDir });
    brokerStopped = false;
    const answeredAt = Date.now();
    const outageSeconds = (answeredAt - stoppedAt) / 1000;

    const recovered = await pollUntil(
      "fresh data after the broker came back",
      async () => {
        const response = await overview();
        return response.status === 200 && response.body.freshness.stale === false && response.body.freshness.sampledAt > answeredAt
          ? response
          : undefined;
      },
      { timeoutMs: 90_000, everyMs: 100 },
    );
    const recoveryMs = Date.now() - answeredAt;
    console.log(
      `broker down ${outageSeconds.toFixed(1)} s (restart took ${(started.startupMs / 1000).toFixed(1)} s); ` +
        `fresh data ${(recoveryMs / 1000).toFixed(1)} s after the broker answered (interval ${interval} ms)`,
    );
    expect(recovered.body.overview.clusterId).toBe(clusterId);
    expect(recovered.body.freshness.lastError).toBeNull();
    expect(recoveryMs).toBeLessThanOrEqual(RECOVERY_BOUND_MS(interval));

    const healthy = await getJson("/api/health");
    expect(healthy.status).toBe(200);
  });
});

const UNREACHABLE = (brokers: string) => new RegExp(`^cannot reach Kafka at ${brokers.replaceAll(".", "\\.")}`);
/** What a failed sample says while the only broker is shutting down and its group coordinator is gone. */
const COORDINATOR_GONE = /^(Failed to find group coordinator|could not read \d+ consumer groups? at their coordinators \(.+\))$/;

/** The text of the catalog overview's stale marker as the server renders it, or null when there is none. */
async function catalogStaleMarker(): Promise<string | null> {
  const response = await fetch(`${stack.appUrl}/catalog`, { signal: AbortSignal.timeout(20_000) });
  expect(response.status).toBe(200);
  const html = await response.text();
  expect(html).toContain("Service catalog");
  const banner = /<div[^>]*data-testid="stale-banner"[^>]*>([\s\S]*?)<\/div>/.exec(html);
  if (!banner) return null;
  return banner[1]!
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .trim();
}

/*
 * The issue asks for fresh data within two intervals of the broker answering. On top of the two
 * intervals: one sample's own duration after a restart (reconnect, metadata, offsets, groups while
 * __consumer_offsets loads) on this loaded 2-core machine, allowed 3 s.
 */
const RECOVERY_BOUND_MS = (interval: number) => 2 * interval + 3_000;
