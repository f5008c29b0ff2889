// Integration (real SASL_SSL broker + its own app): a second cluster started by the same scripts
// with a SASL_SSL listener (SCRAM-SHA-512 users made by kafka-storage format, a CA and broker
// certificate made by openssl/keytool). The app reads it beside the shared plain broker, through a
// clusters file that trusts the CA. Lag is exact for offsets committed with Kafka's own tools over
// SASL_SSL; a wrong password and an untrusted certificate give clear errors in /api/clusters,
// /api/health and on the page, and no secret appears in any response.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify as toYaml } from "yaml";
import { runKafkaTool, startKafka, stopKafka, writeClientProperties, type BrokerTls } from "@/scripts/lib/local-kafka";
import { pollUntil, stack, uniqueName } from "./support/live-stack";
import { slotDataDir, slotPort, startOwnApp, type OwnApp } from "./support/own-app";

const KAFKA_PORT = slotPort(20); // PLAINTEXT (inter-broker), controller on +21
const SASL_SSL_PORT = slotPort(22);
const APP_PORT = slotPort(30);
const dataDir = slotDataDir("secured");
const K = 25;
const C = 9;
const user = { username: "tributary", password: `pw-${randomBytes(9).toString("hex")}` };
const wrongPassword = `not-${randomBytes(9).toString("hex")}`;
const saslAddress = `127.0.0.1:${SASL_SSL_PORT}`;
const topic = uniqueName("it.secured");
const groupId = uniqueName("it-secured-group");

const credentialsError = "Kafka rejected the credentials for cluster secured-wrong-password (SCRAM-SHA-512 user 'tributary')";
const untrustedError = `the certificate of broker ${saslAddress} is not trusted (self-signed certificate in certificate chain): set ssl.ca to the CA certificate (PEM) that signed it`;

let tls: BrokerTls;
let workDir: string;
let clientProperties: string;
let app: OwnApp | undefined;

beforeAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  const kafka = await startKafka({ port: KAFKA_PORT, dataDir, saslSsl: { port: SASL_SSL_PORT, users: [user] } });
  expect(kafka.saslSslAddress).toBe(saslAddress);
  tls = kafka.tls!;
  workDir = mkdtempSync(path.join(tmpdir(), "tributary-secured-"));
  clientProperties = path.join(workDir, "client.properties");
  writeClientProperties(clientProperties, tls, user);

  const sasl = { mechanism: "scram-sha-512", username: user.username };
  const clustersFile = path.join(workDir, "clusters.yaml");
  writeFileSync(
    clustersFile,
    toYaml({
      clusters: [
        { name: "plain", brokers: stack.brokers.split(",") },
        { name: "secured", brokers: [saslAddress], ssl: { ca: tls.caPem }, sasl: { ...sasl, password: user.password } },
        { name: "secured-wrong-password", brokers: [saslAddress], ssl: { ca: tls.caPem }, sasl: { ...sasl, password: wrongPassword } },
        // The right password, but the CA is not trusted: the client must refuse before sending it.
        { name: "secured-untrusted", brokers: [saslAddress], ssl: true, sasl: { ...sasl, password: user.password } },
      ],
    }),
  );
  app = await startOwnApp({ name: "secured-cluster-app", port: APP_PORT, env: { KAFKA_CLUSTERS_FILE: clustersFile } });
}, 300_000);

afterAll(async () => {
  await app?.stop();
  await stopKafka({ dataDir });
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** Kafka's own tools over SASL_SSL, as the user, trusting the CA through client.properties. */
async function secureTool(tool: "kafka-topics" | "kafka-consumer-groups" | "kafka-console-producer", args: string[], input?: string) {
  const configFlag = tool === "kafka-console-producer" ? "--producer.config" : "--command-config";
  const result = await runKafkaTool(tool, ["--bootstrap-server", saslAddress, configFlag, clientProperties, ...args], { input });
  expect(result.code, result.stderr).toBe(0);
  return result;
}

/** Every secret the test knows: none may appear in anything the app sends. */
function expectNoSecrets(text: string) {
  expect(text).not.toContain(user.password);
  expect(text).not.toContain(wrongPassword);
  expect(text).not.toContain(tls.storePassword);
  expect(text).not.toContain("PRIVATE KEY");
  const caKeyBody = readFileSync(path.join(tls.dir, "ca.key"), "utf8").split("\n")[1]!;
  expect(text).not.toContain(caKeyBody);
}

const decodeHtml = (html: string) => html.replaceAll("&#x27;", "'").replaceAll("&quot;", '"').replaceAll("&amp;", "&").replaceAll("&lt;", "<").replaceAll("&gt;", ">");

describe("a SASL_SSL cluster beside a plain one", () => {
  it("reports exact lag on the secured cluster for offsets committed over SASL_SSL with Kafka's tools", async () => {
    const started = Date.now();
    await secureTool("kafka-topics", ["--create", "--topic", topic, "--partitions", "1"]);
    await secureTool("kafka-console-producer", ["--topic", topic], Array.from({ length: K }, (_, index) => `secured m${index}`).join("\n") + "\n");
    await secureTool("kafka-consumer-groups", ["--group", groupId, "--topic", topic, "--reset-offsets", "--to-offset", String(C), "--execute"]);
    const described = await secureTool("kafka-consumer-groups", ["--group", groupId, "--describe"]);
    console.log(`Kafka's tools over SASL_SSL took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(described.stdout).toMatch(new RegExp(`${topic.replaceAll(".", "\\.")}\\s+0\\s+${C}\\s+${K}\\s+${K - C}\\b`));

    const response = await pollUntil(
      "the secured group in a sample",
      async () => {
        const read = await app!.getJson(`/api/clusters/secured/groups/${encodeURIComponent(groupId)}`);
        return read.status === 200 && read.body.group.lag === K - C ? read : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(response.body.freshness).toMatchObject({ cluster: "secured", stale: false, lastError: null });
    expect(response.body.group.partitions.map((row: Record<string, number>) => [row.partition, row.committedOffset, row.endOffset, row.lag])).toEqual([[0, C, K, K - C]]);
  }, 300_000);

  it("says the credentials were rejected or the certificate is not trusted, in /api/clusters and /api/health", async () => {
    const clusters = await pollUntil(
      "both failing clusters to have an error",
      async () => {
        const read = await app!.getJson("/api/clusters");
        const byName = new Map(read.body.clusters.map((cluster: { name: string }) => [cluster.name, cluster]));
        const failing = ["secured-wrong-password", "secured-untrusted"].map((name) => byName.get(name) as { lastError: string | null } | undefined);
        const sampled = ["plain", "secured"].every((name) => (byName.get(name) as { sampledAt: number | null } | undefined)?.sampledAt);
        return failing.every((cluster) => cluster?.lastError) && sampled ? read : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(clusters.status).toBe(200);
    const summary = clusters.body.clusters.map(({ name, ssl, saslMechanism, stale, lastError }: Record<string, unknown>) => ({ name, ssl, saslMechanism, stale, lastError }));
    expect(summary).toEqual([
      { name: "plain", ssl: false, saslMechanism: null, stale: false, lastError: null },
      { name: "secured", ssl: true, saslMechanism: "scram-sha-512", stale: false, lastError: null },
      { name: "secured-wrong-password", ssl: true, saslMechanism: "scram-sha-512", stale: true, lastError: credentialsError },
      { name: "secured-untrusted", ssl: true, saslMechanism: "scram-sha-512", stale: true, lastError: untrustedError },
    ]);
    expectNoSecrets(JSON.stringify(clusters.body));

    const health = await app!.getJson("/api/health");
    expect(health.status).toBe(503);
    expect(health.body.kafka).toEqual([
      expect.objectContaining({ cluster: "plain", ok: true }),
      expect.objectContaining({ cluster: "secured", ok: true, brokers: 1 }),
      { cluster: "secured-wrong-password", ok: false, reason: credentialsError },
      { cluster: "secured-untrusted", ok: false, reason: untrustedError },
    ]);
    expectNoSecrets(JSON.stringify(health.body));

    // The API of a cluster that was never sampled answers 503 with the same reason.
    const overview = await app!.getJson("/api/clusters/secured-wrong-password/overview");
    expect(overview.status).toBe(503);
    expect(overview.body.error.message).toContain(credentialsError);
    expectNoSecrets(JSON.stringify(overview.body));
  }, 180_000);

  it("shows the errors on the server-rendered page, and no secret in any page", async () => {
    const catalog = await app!.getText("/catalog");
    expect(catalog.status).toBe(200);
    const text = decodeHtml(catalog.text);
    // Both brokers answered, with an error: a failed read, not "Kafka is unreachable".
    expect(text).toContain(`Reading Kafka failed: ${credentialsError}.`);
    expect(text).toContain(`Reading Kafka failed: ${untrustedError}.`);
    expect(text).not.toContain("Kafka is unreachable");
    expectNoSecrets(catalog.text);
    for (const page of ["/clusters/secured", "/clusters/secured-wrong-password", "/clusters/secured-untrusted", "/clusters/secured/topics"]) {
      const read = await app!.getText(page);
      expect(read.status, page).toBe(200);
      expectNoSecrets(read.text);
    }
  });
});
