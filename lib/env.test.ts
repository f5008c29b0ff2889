import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig, toPublicCluster } from "@/lib/env";

describe("parseConfig", () => {
  it("defaults to one local cluster and the embedded database", () => {
    const config = parseConfig({});
    expect(config.clusters).toEqual([{ name: "local", brokers: ["127.0.0.1:9092"], ssl: false }]);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.collectorIntervalMs).toBe(10_000);
    expect(config.collectorEnabled).toBe(true);
  });

  it("runs both roles in one process by default, and needs PostgreSQL for a web or collector process", () => {
    expect(parseConfig({}).role).toBe("all");
    expect(parseConfig({ TRIBUTARY_ROLE: "web", DATABASE_URL: "postgresql://db/tributary" }).role).toBe("web");
    expect(() => parseConfig({ TRIBUTARY_ROLE: "collector" })).toThrow(/TRIBUTARY_ROLE=collector needs DATABASE_URL/);
    expect(() => parseConfig({ TRIBUTARY_ROLE: "both" })).toThrow(/TRIBUTARY_ROLE/);
  });

  it("leases a cluster for 60% of the interval, at least 2 s, unless told otherwise", () => {
    expect(parseConfig({}).collectorLeaseMs).toBe(6_000);
    expect(parseConfig({ COLLECTOR_INTERVAL_MS: "1000" }).collectorLeaseMs).toBe(2_000);
    expect(parseConfig({ COLLECTOR_INTERVAL_MS: "2000", COLLECTOR_LEASE_MS: "1000" }).collectorLeaseMs).toBe(1_000);
  });

  it("reads several brokers from KAFKA_BROKERS", () => {
    expect(parseConfig({ KAFKA_BROKERS: "a:9092, b:9093" }).clusters[0]!.brokers).toEqual(["a:9092", "b:9093"]);
  });

  it("lists every invalid setting in one error", () => {
    expect(() => parseConfig({ COLLECTOR_INTERVAL_MS: "fast", DATABASE_URL: "not a url" })).toThrow(
      /COLLECTOR_INTERVAL_MS[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*COLLECTOR_INTERVAL_MS/,
    );
  });

  it("reads a clusters file with SASL, and never exposes the password", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tributary-env-"));
    const file = path.join(dir, "clusters.yaml");
    writeFileSync(
      file,
      [
        "clusters:",
        "  - name: prod",
        "    brokers: [kafka-1:9093]",
        "    ssl: true",
        "    sasl: { mechanism: scram-sha-512, username: tributary, password: s3cret }",
        "  - name: staging",
        "    brokers: [staging:9092]",
      ].join("\n"),
    );
    const config = parseConfig({ KAFKA_CLUSTERS_FILE: file });
    expect(config.clusters.map((cluster) => cluster.name)).toEqual(["prod", "staging"]);
    const exposed = JSON.stringify(config.clusters.map(toPublicCluster));
    expect(exposed).not.toContain("s3cret");
    expect(exposed).not.toContain("tributary");
    expect(toPublicCluster(config.clusters[0]!)).toEqual({ name: "prod", brokers: ["kafka-1:9093"], ssl: true, saslMechanism: "scram-sha-512" });
  });

  it("rejects a clusters file with a duplicate name or a bad broker", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tributary-env-"));
    const duplicate = path.join(dir, "dup.yaml");
    writeFileSync(duplicate, "clusters:\n  - { name: a, brokers: ['x:1'] }\n  - { name: a, brokers: ['y:2'] }\n");
    expect(() => parseConfig({ KAFKA_CLUSTERS_FILE: duplicate })).toThrow('cluster "a" is listed twice');
    const badBroker = path.join(dir, "bad.yaml");
    writeFileSync(badBroker, "clusters:\n  - { name: a, brokers: ['no-port'] }\n");
    expect(() => parseConfig({ KAFKA_CLUSTERS_FILE: badBroker })).toThrow("broker must be host:port");
  });
});
