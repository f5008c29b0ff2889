import "server-only";
import type { ClusterConfig } from "@/lib/env";
import { connectKafkaClients } from "@/lib/kafka/connection";
import type { RawFetchedPartition } from "@/lib/kafka/internal-cluster";
import type { MessageQuery } from "@/lib/validation/observability";

export type BrowsedMessage = {
  partition: number;
  offset: number;
  timestamp: number;
  key: string | null;
  /** Headers as text; binary header values are shown as base64 with a "base64:" prefix. */
  headers: Record<string, string>;
  value: RenderedValue;
  sizeBytes: number;
};

export type RenderedValue =
  | { kind: "null" }
  | { kind: "json"; text: string; truncated: boolean }
  | { kind: "text"; text: string; truncated: boolean }
  | { kind: "binary"; base64: string; truncated: boolean };

const MAX_VALUE_BYTES = 64 * 1024;
const FETCH_BYTES_PER_PARTITION = 1024 * 1024;

/**
 * Reads messages with plain Fetch requests, as a replica-less reader: no consumer group is joined
 * and nothing is committed, so real consumers are never disturbed.
 */
export async function browseMessages(
  config: ClusterConfig,
  topic: string,
  query: MessageQuery,
): Promise<{ messages: BrowsedMessage[]; partitions: number[] } | null> {
  const { cluster } = await connectKafkaClients(config);
  // Kafka answers a metadata request for a missing topic with an error, not an empty list: that is
  // "no such topic" (404), not "Kafka unreachable" (503).
  const metadata = await cluster.metadata({ topics: [topic] }).catch((error: unknown) => {
    if ((error as { type?: string }).type === "UNKNOWN_TOPIC_OR_PARTITION") return null;
    throw error;
  });
  if (!metadata) return null;
  const topicMetadata = metadata.topicMetadata.find((entry) => entry.topic === topic && entry.topicErrorCode === 0);
  if (!topicMetadata) return null;
  const partitions = topicMetadata.partitionMetadata
    .filter((partition) => query.partition === "all" || partition.partitionId === query.partition)
    .filter((partition) => partition.leader >= 0);

  const perPartition = await Promise.all(
    partitions.map(async ({ partitionId, leader }) => {
      const broker = await cluster.findBroker({ nodeId: leader });
      const offsetAt = async (timestamp: number) => {
        const { responses } = await broker.listOffsets({
          isolationLevel: 0,
          topics: [{ topic, partitions: [{ partition: partitionId, timestamp }] }],
        });
        return Number(responses[0]?.partitions[0]?.offset ?? 0);
      };
      const [start, end] = [await offsetAt(-2), await offsetAt(-1)];
      let fetchOffset: number;
      if (query.from === "latest") fetchOffset = Math.max(start, end - query.limit);
      else if (query.from === "offset") fetchOffset = Math.max(start, query.offset!);
      else {
        const atTime = await offsetAt(query.timestamp!);
        fetchOffset = atTime < 0 ? end : atTime; // -1: nothing at or after that time
      }
      if (fetchOffset >= end) return [];
      const { responses } = await broker.fetch({
        replicaId: -1,
        isolationLevel: 0,
        maxWaitTime: 200,
        minBytes: 1,
        maxBytes: FETCH_BYTES_PER_PARTITION,
        topics: [{ topic, partitions: [{ partition: partitionId, fetchOffset: String(fetchOffset), maxBytes: FETCH_BYTES_PER_PARTITION }] }],
      });
      const fetched: RawFetchedPartition | undefined = responses[0]?.partitions[0];
      return (fetched?.messages ?? [])
        .filter((message) => !message.isControlRecord && Number(message.offset) >= fetchOffset)
        .slice(0, query.limit)
        .map((message) => toBrowsedMessage(partitionId, message));
    }),
  );

  const all = perPartition.flat();
  const messages =
    query.from === "latest"
      ? all.sort((a, b) => b.timestamp - a.timestamp || b.offset - a.offset).slice(0, query.limit)
      : all.sort((a, b) => a.timestamp - b.timestamp || a.partition - b.partition || a.offset - b.offset).slice(0, query.limit);
  return { messages, partitions: topicMetadata.partitionMetadata.map((partition) => partition.partitionId).sort((a, b) => a - b) };
}

function toBrowsedMessage(partition: number, message: RawFetchedPartition["messages"][number]): BrowsedMessage {
  const headers: Record<string, string> = {};
  for (const [name, raw] of Object.entries(message.headers ?? {})) {
    const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    headers[name] = values.map((value) => renderHeader(value)).join(", ");
  }
  return {
    partition,
    offset: Number(message.offset),
    timestamp: Number(message.timestamp),
    key: message.key ? renderText(message.key) : null,
    headers,
    value: renderValue(message.value),
    sizeBytes: (message.key?.length ?? 0) + (message.value?.length ?? 0),
  };
}

/** Message bytes are untrusted: they become JSON, text or base64 strings, rendered as text by React. */
export function renderValue(value: Buffer | null): RenderedValue {
  if (value === null) return { kind: "null" };
  const truncated = value.length > MAX_VALUE_BYTES;
  const bytes = truncated ? value.subarray(0, MAX_VALUE_BYTES) : value;
  const text = decodeUtf8(bytes);
  if (text === null) return { kind: "binary", base64: bytes.toString("base64"), truncated };
  if (!truncated) {
    try {
      return { kind: "json", text: JSON.stringify(JSON.parse(text), null, 2), truncated: false };
    } catch {
      // not JSON: plain text
    }
  }
  return { kind: "text", text, truncated };
}

function renderText(bytes: Buffer): string {
  return decodeUtf8(bytes) ?? `base64:${bytes.toString("base64")}`;
}

function renderHeader(bytes: Buffer): string {
  return renderText(Buffer.isBuffer(bytes) ? bytes : Buffer.from(String(bytes)));
}

function decodeUtf8(bytes: Buffer): string | null {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    // Control characters other than whitespace mean it is not meant as text.
    return /[\u0000-\u0008\u000e-\u001f]/.test(text) ? null : text;
  } catch {
    return null;
  }
}
