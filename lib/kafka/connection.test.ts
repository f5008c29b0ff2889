import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { toTlsOptions } from "@/lib/kafka/connection";
import type { ClusterConfig } from "@/lib/env";

const dir = mkdtempSync(path.join(tmpdir(), "tls-options-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cluster = (ssl: ClusterConfig["ssl"]): ClusterConfig => ({ name: "internal", brokers: ["10.0.0.1:9094"], ssl });

describe("toTlsOptions", () => {
  it("turns the clusters file's ssl setting into Node's TLS options", () => {
    const caPath = path.join(dir, "ca.pem");
    writeFileSync(caPath, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    expect(toTlsOptions(cluster(false))).toBe(false);
    expect(toTlsOptions(cluster(true))).toBe(true);
    expect(toTlsOptions(cluster({ ca: caPath, rejectUnauthorized: true, servername: "kafka.internal" }))).toEqual({
      ca: [Buffer.from("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")],
      rejectUnauthorized: true,
      servername: "kafka.internal",
    });
    expect(toTlsOptions(cluster({ rejectUnauthorized: false }))).toEqual({ rejectUnauthorized: false });
  });

  it("says which file of which cluster could not be read", () => {
    const missing = path.join(dir, "missing.pem");
    expect(() => toTlsOptions(cluster({ ca: missing, rejectUnauthorized: true }))).toThrow(`cannot read ssl.ca of cluster internal (${missing}): ENOENT`);
  });
});
