import { describe, expect, it } from "vitest";
import { classifyKafkaError, describeKafkaError } from "@/lib/kafka/kafka-errors";
import { GroupsUnreadableError } from "@/lib/kafka/group-offsets";
import type { ClusterConfig } from "@/lib/env";

const plain: ClusterConfig = { name: "local", brokers: ["127.0.0.1:9092"], ssl: false };
const secured: ClusterConfig = {
  name: "secured",
  brokers: ["127.0.0.1:9094"],
  ssl: true,
  sasl: { mechanism: "scram-sha-512", username: "alice", password: "s3cret-pw" },
};

/** Shaped like kafkajs's errors: a connection error carrying the socket's code, wrapped by the retrier. */
function kafkajsError(name: string, message: string, extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(message), { name, ...extra });
}
const retriesExceeded = (cause: Error) => Object.assign(kafkajsError("KafkaJSNumberOfRetriesExceeded", cause.message), { cause });

describe("classifyKafkaError", () => {
  it("keeps the message of groups that could not be read, whatever their names look like", () => {
    const message = 'could not read 1 consumer group at their coordinators ("Connection error: connect ECONNREFUSED": NOT_COORDINATOR)';
    expect(classifyKafkaError(new GroupsUnreadableError(message), plain)).toEqual({ kind: "other", message });
  });

  it("names the user and mechanism when SASL authentication fails, and never the password", () => {
    const error = kafkajsError(
      "KafkaJSSASLAuthenticationError",
      "SASL SCRAM SHA512 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512",
    );
    expect(classifyKafkaError(error, secured)).toEqual({
      kind: "credentials",
      message: "Kafka rejected the credentials for cluster secured (SCRAM-SHA-512 user 'alice')",
    });
  });

  it("says which broker's certificate is untrusted and what to set, through kafkajs's wrappers", () => {
    const socket = kafkajsError("KafkaJSConnectionError", "Connection error: self-signed certificate in certificate chain", {
      broker: "127.0.0.1:9094",
      code: "SELF_SIGNED_CERT_IN_CHAIN",
    });
    expect(classifyKafkaError(retriesExceeded(socket), secured)).toEqual({
      kind: "untrusted-certificate",
      message:
        "the certificate of broker 127.0.0.1:9094 is not trusted (self-signed certificate in certificate chain): set ssl.ca to the CA certificate (PEM) that signed it",
    });
    for (const code of ["DEPTH_ZERO_SELF_SIGNED_CERT", "UNABLE_TO_VERIFY_LEAF_SIGNATURE"]) {
      expect(classifyKafkaError(kafkajsError("KafkaJSConnectionError", "Connection error: x", { code }), secured).kind).toBe("untrusted-certificate");
    }
  });

  it("tells a certificate for another name from an untrusted one", () => {
    const error = kafkajsError("KafkaJSConnectionError", "Connection error: Hostname/IP does not match certificate's altnames: IP: 10.0.0.1 is not in the cert's list: 127.0.0.1", {
      broker: "10.0.0.1:9094",
      code: "ERR_TLS_CERT_ALTNAME_INVALID",
    });
    const { kind, message } = classifyKafkaError(error, secured);
    expect(kind).toBe("certificate-name");
    expect(message).toBe(
      "the certificate of broker 10.0.0.1:9094 is not valid for that address (Hostname/IP does not match certificate's altnames: IP: 10.0.0.1 is not in the cert's list: 127.0.0.1): connect by a name the certificate lists, or set ssl.servername",
    );
  });

  it("keeps the unreachable wording the collector and health checks key on", () => {
    const error = retriesExceeded(kafkajsError("KafkaJSConnectionError", "Connection error: connect ECONNREFUSED 127.0.0.1:9092", { code: "ECONNREFUSED" }));
    expect(classifyKafkaError(error, plain)).toEqual({
      kind: "unreachable",
      message: "cannot reach Kafka at 127.0.0.1:9092 (Connection error: connect ECONNREFUSED 127.0.0.1:9092)",
    });
  });

  it("passes other messages through, with any password taken out", () => {
    expect(describeKafkaError(new Error("This server does not host this topic-partition"), plain)).toBe("This server does not host this topic-partition");
    expect(describeKafkaError("odd failure with s3cret-pw inside", secured)).toBe("odd failure with *** inside");
  });
});
