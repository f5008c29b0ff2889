// Demo-like traffic for bench:collector's record sampling figures: JSON records with the producer
// header (a few services, and a share without it), spread over every bench topic, at a steady rate.
import type { Kafka } from "kafkajs";
import { topicName, type BenchShape } from "./bench-shape";

export const BENCH_PRODUCERS = ["checkout", "billing", "inventory", "shipping"];
/** Every this many topics has a JSON Schema contract the sampler checks against. */
export const CONTRACT_EVERY = 10;
export const BENCH_SCHEMA = {
  type: "object",
  required: ["id", "amount", "at"],
  properties: { id: { type: "string" }, amount: { type: "number", minimum: 0 }, at: { type: "string", format: "date-time" } },
};

/** Sends `perSecond` records a second (ten batches a second) until stopped; returns how many were sent. */
export async function startTraffic(kafka: Kafka, shape: BenchShape, perSecond: number): Promise<{ stop(): Promise<number> }> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  let sent = 0;
  let next = 0;
  let inFlight: Promise<unknown> = Promise.resolve();
  const perTick = Math.max(1, Math.round(perSecond / 10));
  const timer = setInterval(() => {
    const byTopic = new Map<string, { partition: number; value: string; headers?: Record<string, string> }[]>();
    for (let index = 0; index < perTick; index++, next++) {
      const topic = topicName(next % shape.topics);
      const producerName = next % 5 === 4 ? null : BENCH_PRODUCERS[next % BENCH_PRODUCERS.length]!;
      // About one record in 50 breaks the contract (a negative amount).
      const value = JSON.stringify({ id: `r${next}`, amount: Math.random() < 0.02 ? -1 : next % 100, at: new Date().toISOString() });
      const message = { partition: Math.floor(next / shape.topics) % shape.partitions, value, ...(producerName ? { headers: { "x-producer": producerName } } : {}) };
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), message]);
    }
    inFlight = producer
      .sendBatch({ topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })), acks: 1 })
      .then(() => (sent += perTick))
      .catch(() => undefined);
  }, 100);
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
      await producer.disconnect();
      return sent;
    },
  };
}
