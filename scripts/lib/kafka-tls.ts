/**
 * A private CA and a broker certificate for the local SASL_SSL listener, made once per data
 * directory with openssl (keys, certificates, the broker's PKCS12 key store) and keytool (the
 * trust store Kafka's Java tools read). Everything lives in <dataDir>/tls:
 *   ca.key, ca.pem          the CA (its key never leaves this folder)
 *   broker.key, broker.pem  the broker's key and certificate (SAN: 127.0.0.1, localhost)
 *   broker.p12              the broker's key store
 *   truststore.p12          the CA for Java clients
 *   store-password          password of both stores
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ScramUser } from "./kafka-server-files";

export type BrokerTls = {
  dir: string;
  /** The CA certificate (PEM) clients trust: `ssl.ca` in Tributary's clusters file. */
  caPem: string;
  keystorePath: string;
  truststorePath: string;
  storePassword: string;
};

const DAYS = "825";

/** Creates the CA and broker certificate unless the folder already has them. */
export function ensureBrokerTls(dataDir: string): BrokerTls {
  const dir = path.join(path.resolve(dataDir), "tls");
  const tls = describeTls(dir);
  if (existsSync(path.join(dir, "store-password")) && existsSync(tls.truststorePath)) return tls;

  // Built beside the target and renamed, so an interrupted run never leaves half a folder.
  const staging = `${dir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const password = randomBytes(12).toString("hex");
  const file = (name: string) => path.join(staging, name);
  writeFileSync(file("broker.ext"), "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n");
  run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", DAYS, "-keyout", file("ca.key"), "-out", file("ca.pem"),
    "-subj", "/CN=Tributary local test CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]);
  run("openssl", ["req", "-newkey", "rsa:2048", "-nodes", "-sha256", "-keyout", file("broker.key"), "-out", file("broker.csr"), "-subj", "/CN=localhost"]);
  run("openssl", ["x509", "-req", "-in", file("broker.csr"), "-CA", file("ca.pem"), "-CAkey", file("ca.key"), "-CAcreateserial",
    "-sha256", "-days", DAYS, "-extfile", file("broker.ext"), "-out", file("broker.pem")]);
  // The chain carries the CA too, so an untrusting client says "self-signed certificate in chain".
  run("openssl", ["pkcs12", "-export", "-name", "broker", "-in", file("broker.pem"), "-inkey", file("broker.key"), "-certfile", file("ca.pem"),
    "-out", file("broker.p12"), "-passout", `pass:${password}`]);
  run("keytool", ["-importcert", "-noprompt", "-alias", "tributary-ca", "-file", file("ca.pem"), "-keystore", file("truststore.p12"),
    "-storetype", "PKCS12", "-storepass", password]);
  writeFileSync(file("store-password"), `${password}\n`, { mode: 0o600 });
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  return describeTls(dir);
}

function describeTls(dir: string): BrokerTls {
  const passwordFile = path.join(dir, "store-password");
  return {
    dir,
    caPem: path.join(dir, "ca.pem"),
    keystorePath: path.join(dir, "broker.p12"),
    truststorePath: path.join(dir, "truststore.p12"),
    storePassword: existsSync(passwordFile) ? readFileSync(passwordFile, "utf8").trim() : "",
  };
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.error) {
    throw new Error(`${command} was not found: it makes the local test CA. Install it (Debian: openssl, or a JDK for keytool).`);
  }
  if (result.status !== 0) throw new Error(`${command} ${args[0]} failed:\n${result.stdout}${result.stderr}`);
}

/**
 * A client.properties for Kafka's own command-line tools (--command-config / --consumer.config)
 * that connects with SASL_SSL as `user` and trusts the local CA.
 */
export function writeClientProperties(filePath: string, tls: BrokerTls, user: ScramUser): void {
  const quote = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
  writeFileSync(
    filePath,
    [
      "security.protocol=SASL_SSL",
      "sasl.mechanism=SCRAM-SHA-512",
      `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${quote(user.username)}" password="${quote(user.password)}";`,
      "ssl.truststore.type=PKCS12",
      `ssl.truststore.location=${tls.truststorePath}`,
      `ssl.truststore.password=${tls.storePassword}`,
      "",
    ].join("\n"),
    { mode: 0o600 },
  );
}
