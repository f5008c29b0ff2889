import "server-only";
// What a principal may see of a topic's record values: the contract's classification and value
// schema decide which fields are masked (lib/auth/masking.ts) and whether the read is audited.
// Every response that carries record values goes through here: the message list, the single
// value download and the conformance violations of the topic detail.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { forbidden } from "@/lib/api/errors";
import { can } from "@/lib/auth/permissions";
import { hasSensitiveFields, maskSensitive, MASK_PLACEHOLDER, type JsonSchema } from "@/lib/auth/masking";
import type { Principal } from "@/lib/auth/types";
import { recordMessageRead } from "@/lib/auth/audit-events";
import type { BrowsedMessage } from "@/lib/kafka/messages";
import type { RenderedValue } from "@/lib/kafka/message-render";

/** Contract classifications whose message reads are audited. */
const CLASSIFIED = new Set(["confidential", "pii", "restricted"]);

export type MessagePolicy = {
  /** The contract's classification; null when the topic has no contract. */
  classification: string | null;
  /** Reads of this topic's messages are written to the audit log. */
  audited: boolean;
  /** This principal sees the value's sensitive fields masked. */
  mask: boolean;
  valueSchema: JsonSchema | null;
  /** This principal sees the key masked (the contract's key schema marks it, or fields of it, sensitive). */
  maskKey: boolean;
  keySchema: JsonSchema | null;
};

/** Where a value cannot be masked field by field (not JSON, or only a preview of it), all of it is withheld. */
export const WITHHELD_TEXT = `${MASK_PLACEHOLDER} (the contract marks sensitive fields and this value is not whole JSON, so it is withheld)`;

/**
 * The policy for `principal` reading `topic`. Reads the catalog: when the database is down this
 * throws, and the read fails rather than showing values that might need masking.
 */
export async function loadMessagePolicy(db: PrismaClient, cluster: string, topic: string, principal: Principal): Promise<MessagePolicy> {
  const contract = await db.topicContract.findUnique({
    where: { cluster_topic: { cluster, topic } },
    select: { classification: true, valueSchema: true, keySchema: true },
  });
  const valueSchema = isSchema(contract?.valueSchema) ? contract.valueSchema : null;
  const keySchema = isSchema(contract?.keySchema) ? contract.keySchema : null;
  const sensitiveHidden = !can(principal, { kind: "messages.readSensitive" });
  return {
    classification: contract?.classification ?? null,
    audited: contract ? CLASSIFIED.has(contract.classification) : false,
    mask: sensitiveHidden && hasSensitiveFields(valueSchema),
    valueSchema,
    maskKey: sensitiveHidden && hasSensitiveFields(keySchema),
    keySchema,
  };
}

/**
 * A record key as `policy` lets it be seen. Keys are short text: a JSON key is masked field by
 * field, anything else is masked whole (a sensitive key schema leaves nothing to show of it).
 */
export function maskKeyText(key: string | null, policy: MessagePolicy): { key: string | null; masked: boolean } {
  if (!policy.maskKey || key === null) return { key, masked: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(key);
  } catch {
    return { key: MASK_PLACEHOLDER, masked: true };
  }
  const result = maskSensitive(parsed, policy.keySchema);
  if (result.masked.length === 0) return typeof parsed === "object" && parsed !== null ? { key, masked: false } : { key: MASK_PLACEHOLDER, masked: true };
  return { key: result.masked.includes("") ? MASK_PLACEHOLDER : JSON.stringify(result.value), masked: true };
}

/** One rendered value as `policy` lets it be seen, with the JSON Pointers of what was masked. */
export function maskRenderedValue(value: RenderedValue, policy: MessagePolicy): { value: RenderedValue; masked: string[] } {
  if (!policy.mask || value.kind === "null") return { value, masked: [] };
  if (value.kind === "json" && !value.truncated) {
    const result = maskSensitive(JSON.parse(value.text) as unknown, policy.valueSchema);
    return { value: { kind: "json", text: JSON.stringify(result.value, null, 2), truncated: false }, masked: result.masked };
  }
  return { value: { kind: "text", text: WITHHELD_TEXT, truncated: false }, masked: [""] };
}

/** A whole record value (the download) as `policy` lets it be seen: the bytes, or masked JSON, or null when it must be withheld. */
export function maskRawValue(bytes: Buffer, policy: MessagePolicy): { kind: "raw"; bytes: Buffer } | { kind: "masked"; json: string; masked: string[] } | { kind: "withheld" } {
  if (!policy.mask) return { kind: "raw", bytes };
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return { kind: "withheld" };
  }
  const result = maskSensitive(parsed, policy.valueSchema);
  return { kind: "masked", json: JSON.stringify(result.value, null, 2), masked: result.masked };
}

/**
 * The message browser's result as `principal` may see it (sensitive fields masked unless they
 * have the permission), after auditing the read when the topic is classified. The audit entry is
 * written first: a read that cannot be audited is not answered.
 */
export async function applyMessagePolicy<R extends { messages: BrowsedMessage[] }>(
  db: PrismaClient,
  principal: Principal,
  cluster: string,
  topic: string,
  result: R,
): Promise<R & { masked: boolean }> {
  const policy = await loadMessagePolicy(db, cluster, topic, principal);
  if (policy.audited) {
    const offsets = result.messages.map((message) => `${message.partition}:${message.offset}`);
    await recordMessageRead(db, principal, {
      cluster,
      topic,
      classification: policy.classification!,
      action: "messages.read",
      masked: policy.mask,
      detail: { records: offsets.length, offsets: offsets.slice(0, 200) },
    });
  }
  if (!policy.mask && !policy.maskKey) return { ...result, masked: false };
  const messages = result.messages.map((message) => {
    const { value, masked } = maskRenderedValue(message.value, policy);
    const key = maskKeyText(message.key, policy);
    return {
      ...message,
      value,
      key: key.key,
      ...(masked.length > 0 ? { maskedFields: masked } : {}),
      ...(key.masked ? { maskedKey: true } : {}),
    };
  });
  return { ...result, messages, masked: true };
}

/**
 * One whole record value (the download) as `principal` may see it: the raw bytes, or the masked
 * JSON; a value that needs masking but is not JSON is refused (403). Audited like the list.
 */
export async function readableValue(
  db: PrismaClient,
  principal: Principal,
  at: { cluster: string; topic: string; partition: number; offset: number },
  bytes: Buffer,
): Promise<{ bytes: Buffer; masked: boolean; maskedCount: number }> {
  const policy = await loadMessagePolicy(db, at.cluster, at.topic, principal);
  if (policy.audited) {
    await recordMessageRead(db, principal, {
      cluster: at.cluster,
      topic: at.topic,
      classification: policy.classification!,
      action: "messages.download",
      masked: policy.mask,
      detail: { partition: at.partition, offset: at.offset },
    });
  }
  const view = maskRawValue(bytes, policy);
  if (view.kind === "raw") return { bytes: view.bytes, masked: false, maskedCount: 0 };
  if (view.kind === "withheld") throw forbidden("This value is withheld: its contract marks sensitive fields, and it is not JSON, so they cannot be masked. Reading it needs the sensitive-data permission.");
  return { bytes: Buffer.from(view.json, "utf8"), masked: true, maskedCount: view.masked.length };
}

export const HIDDEN_TEXT = "••• hidden (reading message contents needs the message-reader permission)";

/**
 * Conformance violations carry sampled record values (the topic detail): hidden entirely from a
 * principal who may not read messages, masked for one without the sensitive-data permission.
 * A JSON parser's message may quote the value, so it is shortened to its first clause then too.
 */
export async function protectViolations<V extends { value: RenderedValue; message: string }>(
  db: PrismaClient,
  principal: Principal,
  cluster: string,
  topic: string,
  violations: V[],
): Promise<V[]> {
  if (violations.length === 0) return violations;
  const hideMessage = (message: string) => (message.startsWith("value is not JSON: ") ? "value is not JSON" : message);
  const hide = (text: string) => violations.map((violation) => ({ ...violation, value: { kind: "text", text, truncated: false } as const, message: hideMessage(violation.message) }));
  if (!can(principal, { kind: "messages.read" })) return hide(HIDDEN_TEXT);
  if (can(principal, { kind: "messages.readSensitive" })) return violations;
  // The catalog unreadable: whether fields need masking is unknown, so the values are withheld (the page still shows).
  const policy = await loadMessagePolicy(db, cluster, topic, principal).catch(() => null);
  if (!policy) return hide(WITHHELD_TEXT);
  if (!policy.mask) return violations;
  return violations.map((violation) => ({ ...violation, value: maskRenderedValue(violation.value, policy).value, message: hideMessage(violation.message) }));
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === "boolean" || (typeof value === "object" && value !== null && !Array.isArray(value));
}
