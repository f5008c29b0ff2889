import "server-only";
import type { ClusterConfig } from "@/lib/env";
import { UNREACHABLE } from "@/lib/stale-cause";

export type KafkaErrorKind = "unreachable" | "credentials" | "untrusted-certificate" | "certificate-name" | "certificate-expired" | "other";

// Node's codes (OpenSSL verify results) for "this chain does not end at a CA you trust".
const UNTRUSTED_CODES = new Set([
  "SELF_SIGNED_CERT_IN_CHAIN", "DEPTH_ZERO_SELF_SIGNED_CERT", "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT", "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "CERT_UNTRUSTED", "CERT_SIGNATURE_FAILURE",
]);
const EXPIRED_CODES = new Set(["CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID"]);
const UNREACHABLE_PATTERN = /ECONNREFUSED|Connection error|connect ETIMEDOUT|Connection timeout|ENOTFOUND|EAI_AGAIN|Closed connection|EHOSTUNREACH/i;

type ErrorLink = { name: string; message: string; code?: string; broker?: string };

/** kafkajs wraps the socket's error (retries exceeded → cause → connection error with its code). */
function errorChain(error: unknown): ErrorLink[] {
  const chain: ErrorLink[] = [];
  let current: unknown = error;
  while (current && chain.length < 6) {
    if (!(current instanceof Error)) {
      chain.push({ name: "Error", message: String(current) });
      break;
    }
    const { code, broker, cause, originalError } = current as Error & { code?: unknown; broker?: unknown; cause?: unknown; originalError?: unknown };
    chain.push({
      name: current.name,
      message: current.message,
      code: typeof code === "string" ? code : undefined,
      broker: typeof broker === "string" ? broker : undefined,
    });
    current = cause ?? originalError;
  }
  return chain;
}

/**
 * What went wrong talking to a cluster, in words a person can act on, without credentials:
 * unreachable, the credentials rejected, or the broker's certificate not trusted, not matching
 * its address or out of date. Anything else keeps kafkajs's message.
 */
export function classifyKafkaError(error: unknown, cluster: ClusterConfig): { kind: KafkaErrorKind; message: string } {
  const chain = errorChain(error);
  const outer = chain[0]?.message ?? String(error);
  const broker = chain.find((link) => link.broker)?.broker ?? cluster.brokers.join(", ");
  const codes = chain.flatMap((link) => (link.code ? [link.code] : []));
  // Node's own words, e.g. "self-signed certificate in certificate chain".
  const tlsReason = (chain.at(-1)?.message ?? outer).replace(/^Connection error: /, "");
  const result = (kind: KafkaErrorKind, message: string) => ({ kind, message: redact(message, cluster) });

  if (chain.some((link) => link.name === "KafkaJSSASLAuthenticationError") || /SASL .*authentication failed|Authentication failed/i.test(outer)) {
    const sasl = cluster.sasl;
    const who = sasl ? ` (${sasl.mechanism.toUpperCase()} user '${sasl.username}')` : "";
    return result("credentials", `Kafka rejected the credentials for cluster ${cluster.name}${who}`);
  }
  if (codes.some((code) => UNTRUSTED_CODES.has(code))) {
    return result("untrusted-certificate", `the certificate of broker ${broker} is not trusted (${tlsReason}): set ssl.ca to the CA certificate (PEM) that signed it`);
  }
  if (codes.includes("ERR_TLS_CERT_ALTNAME_INVALID")) {
    return result("certificate-name", `the certificate of broker ${broker} is not valid for that address (${tlsReason}): connect by a name the certificate lists, or set ssl.servername`);
  }
  if (codes.some((code) => EXPIRED_CODES.has(code))) {
    return result("certificate-expired", `the certificate of broker ${broker} is not valid now (${tlsReason})`);
  }
  // Its message quotes group names, which may read like anything.
  if (chain[0]?.name === "GroupsUnreadableError") return result("other", outer);
  if (chain.some((link) => UNREACHABLE_PATTERN.test(link.message))) {
    return result("unreachable", `${UNREACHABLE} at ${cluster.brokers.join(", ")} (${outer})`);
  }
  return result("other", outer);
}

/** A readable reason for a failed Kafka call, without credentials. */
export function describeKafkaError(error: unknown, cluster: ClusterConfig): string {
  return classifyKafkaError(error, cluster).message;
}

/** No message leaves with the password in it, whatever a library put there. */
function redact(message: string, cluster: ClusterConfig): string {
  const password = cluster.sasl?.password;
  return password ? message.replaceAll(password, "***") : message;
}
