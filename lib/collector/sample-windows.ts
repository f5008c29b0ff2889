// Producer and conformance counts over the producer window, built from each interval's sampled
// records. Pure (no I/O): the collector feeds it, history.ts persists its per-interval rows and feeds
// them back after a restart (restore), so the window is the same either way.
import type { ValidateFunction } from "ajv";
import { renderValue } from "@/lib/kafka/message-render";
import { checkValue } from "@/lib/collector/conformance-check";
import type { ConformanceViolation, TopicConformance, TopicProducers } from "@/lib/collector/types";

/** At most this many violations are kept (and shown) per topic. */
export const LATEST_VIOLATIONS = 20;
/**
 * A violation keeps a preview of this many bytes of its value (the whole value is a download from
 * the message browser): 20 per topic with a contract stay in memory and in PostgreSQL.
 */
export const VIOLATION_VALUE_BYTES = 8 * 1024;
/**
 * Window rows of the same topic and producer within one minute are merged: a 15-minute window
 * holds at most 16 rows per topic and producer, whatever the interval (90 at 10 s otherwise).
 */
const BUCKET_MS = 60_000;

export type ProducerRow = { topic: string; value: string | null; at: number; records: number };
export type ConformanceRow = { topic: string; value: string | null; at: number; checked: number; violations: number; contractVersion: number };
export type StoredViolation = ConformanceViolation & { topic: string; contractVersion: number; sampledAt: number };

/** What one interval adds: also exactly the rows written to PostgreSQL. */
export type IntervalCounts = {
  at: number;
  producers: ProducerRow[];
  conformance: ConformanceRow[];
  violations: StoredViolation[];
};

export type IntervalRecord = { topic: string; partition: number; offset: number; timestamp: number; value: Buffer | null; producer: string | null };
export type ActiveContract = { version: number; validate: ValidateFunction | null };

const valueKey = (value: string | null) => (value === null ? "\u0000null" : `=${value}`);

/** Counts one interval's records per topic and producer, and checks those of topics with a contract. */
export function summarizeInterval(at: number, records: IntervalRecord[], contracts: Map<string, ActiveContract>): IntervalCounts {
  const producers = new Map<string, ProducerRow>();
  const conformance = new Map<string, ConformanceRow>();
  const violations: StoredViolation[] = [];
  for (const record of records) {
    const key = `${record.topic}\u0000${valueKey(record.producer)}`;
    const row = producers.get(key);
    if (row) row.records += 1;
    else producers.set(key, { topic: record.topic, value: record.producer, at, records: 1 });

    const contract = contracts.get(record.topic);
    if (!contract?.validate) continue;
    const outcome = checkValue(contract.validate, record.value);
    const counts = conformance.get(key) ?? { topic: record.topic, value: record.producer, at, checked: 0, violations: 0, contractVersion: contract.version };
    conformance.set(key, counts);
    counts.checked += 1;
    if (outcome.ok) continue;
    counts.violations += 1;
    violations.push({
      topic: record.topic,
      contractVersion: contract.version,
      sampledAt: at,
      partition: record.partition,
      offset: record.offset,
      at: record.timestamp,
      producer: record.producer,
      pointer: outcome.pointer,
      message: outcome.message,
      value: renderValue(record.value, VIOLATION_VALUE_BYTES),
    });
  }
  return { at, producers: [...producers.values()], conformance: [...conformance.values()], violations };
}

const newestFirst = (left: StoredViolation, right: StoredViolation) =>
  right.sampledAt - left.sampledAt || right.at - left.at || right.partition - left.partition || right.offset - left.offset;

/** The producer and conformance windows of one cluster, plus counters since the process started. */
export class SampleWindows {
  private producerRows = new Map<string, ProducerRow[]>();
  private conformanceRows = new Map<string, ConformanceRow[]>();
  private latest = new Map<string, StoredViolation[]>();
  private totals = new Map<string, { checked: number; violations: number }>();

  constructor(private readonly windowMs: number) {}

  /** Adds one interval's counts and counts them towards the totals since start. */
  add(interval: IntervalCounts): void {
    this.restore(interval);
    for (const row of interval.conformance) {
      const total = this.totals.get(row.topic) ?? { checked: 0, violations: 0 };
      total.checked += row.checked;
      total.violations += row.violations;
      this.totals.set(row.topic, total);
    }
  }

  /** Adds rows read back from the history (after a restart): in the window, not in the totals. */
  restore(rows: Omit<IntervalCounts, "at">): void {
    for (const row of rows.producers) pushMerged(this.producerRows, row, (into) => (into.records += row.records));
    for (const row of rows.conformance) {
      pushMerged(this.conformanceRows, row, (into) => {
        into.checked += row.checked;
        into.violations += row.violations;
        into.contractVersion = row.contractVersion;
      });
    }
    const touched = new Set(rows.violations.map((violation) => violation.topic));
    for (const violation of rows.violations) push(this.latest, violation.topic, violation);
    for (const topic of touched) this.latest.set(topic, this.latest.get(topic)!.sort(newestFirst).slice(0, LATEST_VIOLATIONS));
  }

  /** Drops rows older than the window (and topics that are gone, when `liveTopics` is given). */
  prune(now: number, liveTopics?: Set<string>): void {
    const since = now - this.windowMs;
    for (const rowsByTopic of [this.producerRows, this.conformanceRows] as Map<string, { at: number }[]>[]) {
      for (const [topic, rows] of rowsByTopic) {
        const kept = rows.filter((row) => row.at > since);
        if (kept.length === 0 || (liveTopics && !liveTopics.has(topic))) rowsByTopic.delete(topic);
        else rowsByTopic.set(topic, kept);
      }
    }
    if (liveTopics) for (const topic of this.latest.keys()) if (!liveTopics.has(topic)) this.latest.delete(topic);
  }

  producers(): TopicProducers[] {
    return [...this.producerRows]
      .map(([topic, rows]) => {
        const byValue = new Map<string, { value: string | null; records: number; lastSeenAt: number }>();
        for (const row of rows) {
          const entry = byValue.get(valueKey(row.value)) ?? { value: row.value, records: 0, lastSeenAt: 0 };
          entry.records += row.records;
          entry.lastSeenAt = Math.max(entry.lastSeenAt, row.at);
          byValue.set(valueKey(row.value), entry);
        }
        const values = [...byValue.values()].sort((left, right) => right.records - left.records || compareValues(left.value, right.value));
        return { topic, sampledRecords: values.reduce((total, entry) => total + entry.records, 0), byValue: values };
      })
      .sort((left, right) => left.topic.localeCompare(right.topic));
  }

  /** One entry per topic with a contract in force (`versions`: topic → schema version). */
  conformance(versions: Map<string, number>): TopicConformance[] {
    return [...versions]
      .map(([topic, contractVersion]) => {
        const byProducer = new Map<string, { value: string | null; checked: number; violations: number }>();
        for (const row of this.conformanceRows.get(topic) ?? []) {
          const entry = byProducer.get(valueKey(row.value)) ?? { value: row.value, checked: 0, violations: 0 };
          entry.checked += row.checked;
          entry.violations += row.violations;
          byProducer.set(valueKey(row.value), entry);
        }
        const producers = [...byProducer.values()].sort((left, right) => right.checked - left.checked || compareValues(left.value, right.value));
        return {
          topic,
          contractVersion,
          checked: producers.reduce((total, entry) => total + entry.checked, 0),
          violations: producers.reduce((total, entry) => total + entry.violations, 0),
          byProducer: producers,
          latestViolations: (this.latest.get(topic) ?? []).map(({ topic: _topic, contractVersion: _version, sampledAt: _sampledAt, ...violation }) => violation),
        };
      })
      .sort((left, right) => left.topic.localeCompare(right.topic));
  }

  conformanceTotals(): { topic: string; checked: number; violations: number }[] {
    return [...this.totals].map(([topic, total]) => ({ topic, ...total })).sort((left, right) => left.topic.localeCompare(right.topic));
  }
}

/**
 * Appends a copy of `row` (the interval's own rows are written to PostgreSQL as they are), or
 * merges it into the row of the same producer in the same minute; `at` becomes the latest of both.
 */
function pushMerged<T extends { topic: string; value: string | null; at: number }>(map: Map<string, T[]>, row: T, merge: (into: T) => void) {
  const list = map.get(row.topic);
  if (!list) {
    map.set(row.topic, [{ ...row }]);
    return;
  }
  const bucket = Math.floor(row.at / BUCKET_MS);
  for (let index = list.length - 1; index >= 0 && Math.floor(list[index]!.at / BUCKET_MS) === bucket; index--) {
    const into = list[index]!;
    if (into.value !== row.value) continue;
    merge(into);
    into.at = Math.max(into.at, row.at);
    return;
  }
  list.push({ ...row });
}

function push<T>(map: Map<string, T[]>, key: string, item: T) {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/** null (no header) last; values alphabetically. */
function compareValues(left: string | null, right: string | null): number {
  if (left === right) return 0;
  if (left === null) return 1;
  if (right === null) return -1;
  return left.localeCompare(right);
}
