/**
 * The collector's pure part on the bench shape, without Kafka: synthetic raw samples (every topic
 * growing, every group committing half way and moving a little), derived one after another like the
 * collector does, then the derive state saved and restored (lib/collector/derive-state-codec.ts).
 * Tells the snapshot derivation's own time, what the state keeps after a full GC, and the saved
 * state's size and encode/decode time, apart from what Kafka reads cost.
 */
import type { RawGroup, RawSample } from "@/lib/kafka/raw-sample";
import { groupName, messagesFor, topicName, topicsOfGroup, type BenchShape } from "./bench-shape";
import { median, retainedMemory } from "./bench-measure";
import { RecordMap } from "@/lib/collector/group-positions";

export type DeriveMeasure = {
  samples: number;
  lagRows: number;
  /** Median wall time of one derive after the first, and its CPU time (the machine may be shared). */
  deriveMs: number;
  deriveCpuMs: number;
  /** Heap used after a full GC with the state and the last snapshot alive, minus before the first sample. */
  retainedBytes: number;
  /** The same of ArrayBuffers' memory, outside the heap (the status windows, the lag columns). */
  retainedArrayBytes: number;
  stateBytes: number;
  encodeMs: number;
  decodeMs: number;
  /** CPU time of the same (the wall times include waiting for a core on a shared machine). */
  encodeCpuMs: number;
  decodeCpuMs: number;
  /** Deriving the next sample from the decoded state gives the same snapshot as from the live one. */
  continues: boolean;
};

export function syntheticRawSample(shape: BenchShape, round: number, sampledAt: number): RawSample {
  const ends = (topic: number, partition: number) => 1000 * messagesFor(topic, partition) + round * ((topic + partition) % 5);
  const topics = Array.from({ length: shape.topics }, (_, topic) => ({
    name: topicName(topic),
    internal: false,
    partitions: Array.from({ length: shape.partitions }, (_, partition) => ({
      partition, leader: 1, replicas: [1], isr: [1], offlineReplicas: [], startOffset: 0, endOffset: ends(topic, partition),
    })),
  }));
  const groups: RawGroup[] = Array.from({ length: shape.groups }, (_, group) => ({
    groupId: groupName(group),
    state: "Empty",
    protocolType: "consumer",
    members: [],
    committed: new Map(
      topicsOfGroup(group, shape).map((topic) => [
        topicName(topic),
        // Every third group moves a little each round; the others stand still (lag grows).
        new Map(Array.from({ length: shape.partitions }, (_, partition) => [partition, Math.floor(ends(topic, partition) / 2) + (group % 3 === 0 ? round : 0)])),
      ]),
    ),
  }));
  return {
    clusterId: "bench", controller: 1, brokers: [{ nodeId: 1, host: "127.0.0.1", port: 9092, rack: null }], topics, groups,
    recordTimestamps: new RecordMap(),
    timestampReads: { wanted: 0, cached: 0, requests: 0, fetchedPartitions: 0, unread: 0, durationMs: 0 },
    sampledAt, durationMs: 0,
  };
}

export async function measureDerive(shape: BenchShape, samples = 12, windowSize = 10): Promise<DeriveMeasure> {
  const { createDeriveState, deriveSnapshot } = await import("@/lib/collector/derive-snapshot");
  const { encodeDeriveState, decodeDeriveState } = await import("@/lib/collector/derive-state-codec");
  const options = { cluster: "bench", windowSize, maxOffsetPoints: 120, retentionMsByTopic: new Map<string, number>() };
  const before = retainedMemory();
  const state = createDeriveState();
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let snapshot = null;
  for (let round = 0; round < samples; round++) {
    const raw = syntheticRawSample(shape, round, 1_700_000_000_000 + round * 10_000);
    const started = performance.now();
    const cpu = process.cpuUsage();
    snapshot = deriveSnapshot(state, raw, options);
    const used = process.cpuUsage(cpu);
    times.push(performance.now() - started);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  const after = retainedMemory();
  const retainedBytes = after.heap - before.heap;
  const retainedArrayBytes = after.arrayBuffers - before.arrayBuffers;
  const lagRows = snapshot!.groups.reduce((total, group) => total + group.partitions.length, 0);
  snapshot = null;
  const encodeTimes: number[] = [];
  const decodeTimes: number[] = [];
  let bytes = encodeDeriveState(state);
  const encodeCpu: number[] = [];
  const decodeCpu: number[] = [];
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1000;
  };
  for (let run = 0; run < 5; run++) {
    let started = performance.now();
    let cpu = process.cpuUsage();
    bytes = encodeDeriveState(state);
    encodeCpu.push(cpuMs(cpu));
    encodeTimes.push(performance.now() - started);
    started = performance.now();
    cpu = process.cpuUsage();
    decodeDeriveState(bytes);
    decodeCpu.push(cpuMs(cpu));
    decodeTimes.push(performance.now() - started);
  }
  const restored = decodeDeriveState(bytes);
  const next = syntheticRawSample(shape, samples, 1_700_000_000_000 + samples * 10_000);
  const fromRestored = JSON.stringify(deriveSnapshot(restored, next, options));
  const continues = fromRestored === JSON.stringify(deriveSnapshot(state, next, options));
  return {
    samples, lagRows, deriveMs: median(times.slice(1)), deriveCpuMs: median(cpuTimes.slice(1)), retainedBytes, retainedArrayBytes, stateBytes: bytes.length,
    encodeMs: median(encodeTimes), decodeMs: median(decodeTimes), encodeCpuMs: median(encodeCpu), decodeCpuMs: median(decodeCpu), continues,
  };
}
