import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { planNodes, readConfiguredPort, writeServerProperties } from "./kafka-server-files";

const root = mkdtempSync(path.join(tmpdir(), "kafka-server-files-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const properties = (file: string) =>
  Object.fromEntries(readFileSync(file, "utf8").split("\n").filter((line) => line && !line.startsWith("#")).map((line) => line.split(/=(.*)/s).slice(0, 2)));

describe("local Kafka server files", () => {
  it("keeps the single broker's layout and settings", () => {
    const layout = planNodes({ dataDir: root, port: 39092, controllerPort: 39093, brokers: 1, saslSslPort: null });
    expect(layout.nodes.map(({ nodeId, port, controllerPort, saslSslPort, paths }) => [nodeId, port, controllerPort, saslSslPort, paths.dataDir])).toEqual([
      [1, 39092, 39093, null, root],
    ]);
    writeServerProperties(layout.nodes[0]!, layout, null);
    expect(properties(layout.nodes[0]!.paths.serverProperties)).toMatchObject({
      "node.id": "1",
      "controller.quorum.voters": "1@127.0.0.1:39093",
      listeners: "PLAINTEXT://127.0.0.1:39092,CONTROLLER://127.0.0.1:39093",
      "advertised.listeners": "PLAINTEXT://127.0.0.1:39092",
      "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
      "offsets.topic.replication.factor": "1",
      "log.dirs": path.join(root, "storage"),
    });
    expect(readConfiguredPort(layout.nodes[0]!.paths)).toBe(39092);
  });

  it("gives three nodes their own folders, ports and one quorum, with a SASL_SSL listener each", () => {
    const dataDir = path.join(root, "three");
    const layout = planNodes({ dataDir, port: 41200, controllerPort: 41203, brokers: 3, saslSslPort: 41206 });
    expect(layout.nodes.map(({ nodeId, port, controllerPort, saslSslPort, paths }) => [nodeId, port, controllerPort, saslSslPort, paths.dataDir])).toEqual([
      [1, 41200, 41203, 41206, path.join(dataDir, "node-1")],
      [2, 41201, 41204, 41207, path.join(dataDir, "node-2")],
      [3, 41202, 41205, 41208, path.join(dataDir, "node-3")],
    ]);
    const tls = { dir: "/tls", caPem: "/tls/ca.pem", keystorePath: "/tls/broker.p12", truststorePath: "/tls/truststore.p12", storePassword: "store-pw" };
    const second = layout.nodes[1]!;
    mkdirSync(second.paths.dataDir, { recursive: true });
    writeServerProperties(second, layout, tls);
    expect(properties(second.paths.serverProperties)).toMatchObject({
      "node.id": "2",
      "controller.quorum.voters": "1@127.0.0.1:41203,2@127.0.0.1:41204,3@127.0.0.1:41205",
      listeners: "PLAINTEXT://127.0.0.1:41201,CONTROLLER://127.0.0.1:41204,SASL_SSL://127.0.0.1:41207",
      "advertised.listeners": "PLAINTEXT://127.0.0.1:41201,SASL_SSL://127.0.0.1:41207",
      "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL",
      "inter.broker.listener.name": "PLAINTEXT",
      "offsets.topic.replication.factor": "3",
      "sasl.enabled.mechanisms": "SCRAM-SHA-512",
      "ssl.keystore.location": "/tls/broker.p12",
    });
  });
});
