import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ClusterSnapshot } from "@/lib/collector/types";
import { LATEST_VIOLATIONS, type IntervalCounts, type StoredViolation } from "@/lib/collector/sample-windows";
import { SqlArrayWriter, sqlArray } from "@/lib/sql-array";

/**
 * Enough of a Prisma client (or an interactive transaction) to run the history INSERTs; the caller
 * chooses the transaction. `textBytes`: the runner sends a Buffer parameter as the bytes of a text
 * value (node-postgres: a binary parameter, which PostgreSQL reads as text where the statement casts
 * it to text); Prisma would send it as bytea.
 */
export type SqlWriter = { $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>; readonly textBytes?: boolean };

/** Series resolutions in seconds: raw samples, 1-minute and 10-minute rollups. */
export const RESOLUTIONS = { raw: 0, minute: 60, tenMinutes: 600 } as const;

export const HISTORY_RANGES = { "15m": 15, "1h": 60, "6h": 360, "24h": 1440, "7d": 10080 } as const;
export type HistoryRange = keyof typeof HISTORY_RANGES;

/** Raw samples for short ranges, rollups for long ones, so a chart is one indexed query of few rows. */
export function resolutionForRange(range: HistoryRange): number {
  const minutes = HISTORY_RANGES[range];
  if (minutes <= 60) return RESOLUTIONS.raw;
  if (minutes <= 1440) return RESOLUTIONS.minute;
  return RESOLUTIONS.tenMinutes;
}

/**
 * Appends one sample's aggregates: per topic, per group, per group+topic. Per-partition detail is
 * not kept. Each table gets one INSERT whose columns are array literals (`unnest`, lib/sql-array.ts):
 * a few text parameters for thousands of rows, where Prisma's createMany would bind, plan and keep
 * in memory one parameter per cell (tens of thousands per sample on a large cluster).
 */
export async function writeSnapshotHistory(db: SqlWriter, snapshot: ClusterSnapshot): Promise<void> {
  const at = new Date(snapshot.sampledAt);
  const topics = snapshot.topics.filter((topic) => !topic.internal && topic.messagesPerSec !== null);
  // Columns written straight into their literals' bytes, without an array or an object per row
  // (40,000 rows a sample at 10,000 groups), sized by the last sample's.
  const column = (index: number) => new SqlArrayWriter(lastColumnSizes[index]! + (lastColumnSizes[index]! >> 3));
  const columns = { groupId: column(0), topic: column(1), lag: column(2), maxLag: column(3), timeLag: column(4), consumed: column(5), status: column(6) };
  const addRow = (groupId: string, figures: { lag: number; maxLag: number; timeLagSeconds: number | null; consumedPerSec: number | null; status: string }, topic: string) => {
    columns.groupId.text(groupId);
    columns.topic.text(topic);
    columns.lag.number(figures.lag);
    columns.maxLag.number(figures.maxLag);
    if (figures.timeLagSeconds === null) columns.timeLag.null();
    else columns.timeLag.number(figures.timeLagSeconds);
    columns.consumed.number(figures.consumedPerSec ?? 0);
    columns.status.text(figures.status);
  };
  for (const group of snapshot.groups) {
    addRow(group.groupId, group, "");
    for (const topic of group.topics) addRow(group.groupId, topic, topic.topic);
  }
  const literals = Object.values(columns).map((column, index) => {
    const bytes = column.finish();
    lastColumnSizes[index] = bytes.length;
    return db.textBytes ? bytes : bytes.toString("utf8");
  });
  await db.$executeRawUnsafe(
    `INSERT INTO "TopicMetric" ("cluster", "topic", "resolution", "at", "endOffsetSum", "messagesPerSec")
     SELECT $1, row.topic, ${RESOLUTIONS.raw}, $2::timestamp, row.end_offset_sum, row.messages_per_sec
     FROM unnest($3::text::text[], $4::text::bigint[], $5::text::float8[]) AS row(topic, end_offset_sum, messages_per_sec)
     ON CONFLICT DO NOTHING`,
    snapshot.cluster,
    at,
    sqlArray(topics.map((topic) => topic.name)),
    sqlArray(topics.map((topic) => topic.partitions.reduce((total, partition) => total + partition.endOffset, 0))),
    sqlArray(topics.map((topic) => topic.messagesPerSec!)),
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "GroupMetric" ("cluster", "groupId", "topic", "resolution", "at", "lagSum", "lagMax", "timeLagSec", "consumedPerSec", "status")
     SELECT $1, row.group_id, row.topic, ${RESOLUTIONS.raw}, $2::timestamp, row.lag_sum, row.lag_max, row.time_lag_sec, row.consumed_per_sec, row.status
     FROM unnest($3::text::text[], $4::text::text[], $5::text::bigint[], $6::text::bigint[], $7::text::float8[], $8::text::float8[], $9::text::text[])
       AS row(group_id, topic, lag_sum, lag_max, time_lag_sec, consumed_per_sec, status)
     ON CONFLICT DO NOTHING`,
    snapshot.cluster,
    at,
    ...literals,
  );
}

/** The byte length of each GroupMetric column literal last written in this process, to size the next ones. */
const lastColumnSizes = new Array<number>(7).fill(1 << 12);

/**
 * Recomputes the rollup buckets of the last few minutes (idempotent: ON CONFLICT replaces a
 * bucket) and deletes what is past retention: raw after `rawRetentionHours`, 1-minute rollups
 * after 7 days, 10-minute rollups after 90 days.
 */
export async function rollUpAndPrune(db: PrismaClient, now: Date, rawRetentionHours: number): Promise<void> {
  for (const [from, to, lookbackMinutes] of [
    [RESOLUTIONS.raw, RESOLUTIONS.minute, 3],
    [RESOLUTIONS.minute, RESOLUTIONS.tenMinutes, 30],
  ] as const) {
    const since = new Date(now.getTime() - lookbackMinutes * 60_000);
    const bucket = `${to} seconds`;
    await db.$executeRawUnsafe(
      `INSERT INTO "TopicMetric" ("cluster", "topic", "resolution", "at", "endOffsetSum", "messagesPerSec")
       SELECT "cluster", "topic", ${to}, date_bin($1::interval, "at", TIMESTAMP '2000-01-01'), max("endOffsetSum"), avg("messagesPerSec")
       FROM "TopicMetric" WHERE "resolution" = ${from} AND "at" >= date_bin($1::interval, $2::timestamp, TIMESTAMP '2000-01-01')
       GROUP BY 1, 2, 4
       ON CONFLICT ("cluster", "topic", "resolution", "at") DO UPDATE
       SET "endOffsetSum" = EXCLUDED."endOffsetSum", "messagesPerSec" = EXCLUDED."messagesPerSec"`,
      bucket,
      since,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "GroupMetric" ("cluster", "groupId", "topic", "resolution", "at", "lagSum", "lagMax", "timeLagSec", "consumedPerSec", "status")
       SELECT "cluster", "groupId", "topic", ${to}, date_bin($1::interval, "at", TIMESTAMP '2000-01-01'),
              max("lagSum"), max("lagMax"), max("timeLagSec"), avg("consumedPerSec"), (array_agg("status" ORDER BY "at" DESC))[1]
       FROM "GroupMetric" WHERE "resolution" = ${from} AND "at" >= date_bin($1::interval, $2::timestamp, TIMESTAMP '2000-01-01')
       GROUP BY 1, 2, 3, 5
       ON CONFLICT ("cluster", "groupId", "topic", "resolution", "at") DO UPDATE
       SET "lagSum" = EXCLUDED."lagSum", "lagMax" = EXCLUDED."lagMax", "timeLagSec" = EXCLUDED."timeLagSec",
           "consumedPerSec" = EXCLUDED."consumedPerSec", "status" = EXCLUDED."status"`,
      bucket,
      since,
    );
  }
  const cutoffs = [
    [RESOLUTIONS.raw, rawRetentionHours * 3_600_000],
    [RESOLUTIONS.minute, 7 * 86_400_000],
    [RESOLUTIONS.tenMinutes, 90 * 86_400_000],
  ] as const;
  for (const [resolution, keepMs] of cutoffs) {
    const before = new Date(now.getTime() - keepMs);
    await db.topicMetric.deleteMany({ where: { resolution, at: { lt: before } } });
    await db.groupMetric.deleteMany({ where: { resolution, at: { lt: before } } });
  }
}

export type TopicHistoryPoint = { at: number; messagesPerSec: number };
export type GroupHistoryPoint = { at: number; lag: number; timeLagSeconds: number | null; consumedPerSec: number; status: string };

export async function getTopicHistory(
  db: PrismaClient,
  query: { cluster: string; topic: string; range: HistoryRange; now?: Date },
): Promise<{ resolution: number; points: TopicHistoryPoint[] }> {
  const resolution = resolutionForRange(query.range);
  const since = new Date((query.now ?? new Date()).getTime() - HISTORY_RANGES[query.range] * 60_000);
  const rows = await db.topicMetric.findMany({
    where: { cluster: query.cluster, topic: query.topic, resolution, at: { gte: since } },
    orderBy: { at: "asc" },
    select: { at: true, messagesPerSec: true },
  });
  return { resolution, points: rows.map((row) => ({ at: row.at.getTime(), messagesPerSec: row.messagesPerSec })) };
}

/** A group's series; `topic` "" is the whole group. */
export async function getGroupHistory(
  db: PrismaClient,
  query: { cluster: string; groupId: string; topic: string; range: HistoryRange; now?: Date },
): Promise<{ resolution: number; points: GroupHistoryPoint[] }> {
  const resolution = resolutionForRange(query.range);
  const since = new Date((query.now ?? new Date()).getTime() - HISTORY_RANGES[query.range] * 60_000);
  const rows = await db.groupMetric.findMany({
    where: { cluster: query.cluster, groupId: query.groupId, topic: query.topic, resolution, at: { gte: since } },
    orderBy: { at: "asc" },
  });
  return {
    resolution,
    points: rows.map((row) => ({
      at: row.at.getTime(),
      lag: Number(row.lagSum),
      timeLagSeconds: row.timeLagSec,
      consumedPerSec: row.consumedPerSec,
      status: row.status,
    })),
  };
}

/** The cluster's total messages/s per sample time: one grouped query over the topic series. */
export async function getClusterThroughputHistory(
  db: PrismaClient,
  query: { cluster: string; range: HistoryRange; now?: Date },
): Promise<{ resolution: number; points: TopicHistoryPoint[] }> {
  const resolution = resolutionForRange(query.range);
  const since = new Date((query.now ?? new Date()).getTime() - HISTORY_RANGES[query.range] * 60_000);
  const rows = await db.topicMetric.groupBy({
    by: ["at"],
    where: { cluster: query.cluster, resolution, at: { gte: since } },
    _sum: { messagesPerSec: true },
    orderBy: { at: "asc" },
  });
  return { resolution, points: rows.map((row) => ({ at: row.at.getTime(), messagesPerSec: row._sum.messagesPerSec ?? 0 })) };
}

/**
 * Appends one sampler interval: producer counts, conformance counts per producer, and the
 * interval's violations (at most the newest LATEST_VIOLATIONS per topic: older ones would never be
 * shown). Same unnest-style batched INSERTs as writeSnapshotHistory.
 */
export async function writeSamplerHistory(db: SqlWriter, cluster: string, interval: IntervalCounts): Promise<void> {
  if (interval.producers.length === 0 && interval.conformance.length === 0 && interval.violations.length === 0) return;
  const at = new Date(interval.at);
  const { producers, conformance } = interval;
  const perTopic = new Map<string, number>();
  const violations = [...interval.violations]
    .sort((left, right) => right.at - left.at || right.offset - left.offset)
    .filter((violation) => {
      const seen = perTopic.get(violation.topic) ?? 0;
      perTopic.set(violation.topic, seen + 1);
      return seen < LATEST_VIOLATIONS;
    });
  await db.$executeRawUnsafe(
    `INSERT INTO "ProducerSample" ("cluster", "topic", "at", "producer", "records")
     SELECT $1, row.topic, $2::timestamp, row.producer, row.records
     FROM unnest($3::text::text[], $4::text::text[], $5::text::int[]) AS row(topic, producer, records)`,
    cluster,
    at,
    sqlArray(producers.map((row) => row.topic)),
    sqlArray(producers.map((row) => row.value)),
    sqlArray(producers.map((row) => row.records)),
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "ConformanceSample" ("cluster", "topic", "at", "producer", "contractVersion", "checked", "violations")
     SELECT $1, row.topic, $2::timestamp, row.producer, row.contract_version, row.checked, row.violations
     FROM unnest($3::text::text[], $4::text::text[], $5::text::int[], $6::text::int[], $7::text::int[]) AS row(topic, producer, contract_version, checked, violations)`,
    cluster,
    at,
    sqlArray(conformance.map((row) => row.topic)),
    sqlArray(conformance.map((row) => row.value)),
    sqlArray(conformance.map((row) => row.contractVersion)),
    sqlArray(conformance.map((row) => row.checked)),
    sqlArray(conformance.map((row) => row.violations)),
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "ConformanceViolation" ("cluster", "topic", "sampledAt", "partition", "offset", "recordAt", "producer", "contractVersion", "pointer", "message", "value")
     SELECT $1, row.topic, $2::timestamp, row.partition, row.record_offset, to_timestamp(row.record_at_ms / 1000.0) AT TIME ZONE 'UTC',
            row.producer, row.contract_version, row.pointer, row.message, row.value::jsonb
     FROM unnest($3::text::text[], $4::text::int[], $5::text::bigint[], $6::text::float8[], $7::text::text[], $8::text::int[], $9::text::text[], $10::text::text[], $11::text::text[])
       AS row(topic, partition, record_offset, record_at_ms, producer, contract_version, pointer, message, value)`,
    cluster,
    at,
    sqlArray(violations.map((row) => row.topic)),
    sqlArray(violations.map((row) => row.partition)),
    sqlArray(violations.map((row) => String(row.offset))),
    sqlArray(violations.map((row) => row.at)),
    sqlArray(violations.map((row) => row.producer)),
    sqlArray(violations.map((row) => row.contractVersion)),
    sqlArray(violations.map((row) => row.pointer)),
    sqlArray(violations.map((row) => row.message)),
    sqlArray(violations.map((row) => JSON.stringify(row.value))),
  );
}

/**
 * What the sampler windows held at `now`, read back after a restart: producer and conformance rows
 * of the last `windowMs`, and the newest LATEST_VIOLATIONS violations of every topic.
 */
export async function readSamplerHistory(db: PrismaClient, query: { cluster: string; windowMs: number; now?: Date }): Promise<Omit<IntervalCounts, "at">> {
  const since = new Date((query.now ?? new Date()).getTime() - query.windowMs);
  const [producers, conformance, violations] = await Promise.all([
    db.producerSample.findMany({ where: { cluster: query.cluster, at: { gt: since } }, orderBy: [{ at: "asc" }, { id: "asc" }] }),
    db.conformanceSample.findMany({ where: { cluster: query.cluster, at: { gt: since } }, orderBy: [{ at: "asc" }, { id: "asc" }] }),
    db.$queryRawUnsafe<{ topic: string; sampledAt: Date; partition: number; offset: bigint; recordAt: Date; producer: string | null; contractVersion: number; pointer: string; message: string; value: unknown }[]>(
      `SELECT "topic", "sampledAt", "partition", "offset", "recordAt", "producer", "contractVersion", "pointer", "message", "value"
       FROM (SELECT *, row_number() OVER (PARTITION BY "topic" ORDER BY "sampledAt" DESC, "recordAt" DESC, "id" DESC) AS rank
             FROM "ConformanceViolation" WHERE "cluster" = $1) AS ranked
       WHERE rank <= ${LATEST_VIOLATIONS}`,
      query.cluster,
    ),
  ]);
  return {
    producers: producers.map((row) => ({ topic: row.topic, value: row.producer, at: row.at.getTime(), records: row.records })),
    conformance: conformance.map((row) => ({
      topic: row.topic, value: row.producer, at: row.at.getTime(), checked: row.checked, violations: row.violations, contractVersion: row.contractVersion,
    })),
    violations: violations.map((row) => ({
      topic: row.topic,
      contractVersion: row.contractVersion,
      sampledAt: row.sampledAt.getTime(),
      partition: row.partition,
      offset: Number(row.offset),
      at: row.recordAt.getTime(),
      producer: row.producer,
      pointer: row.pointer,
      message: row.message,
      value: row.value as StoredViolation["value"],
    })),
  };
}

/**
 * Sampler history retention: producer rows as long as raw samples (the window is minutes), the
 * conformance series 7 days (it is small: one row per contract topic and producer per interval,
 * and its chart offers 7d), and violations beyond the newest LATEST_VIOLATIONS per topic once they
 * are past raw retention.
 */
export async function pruneSamplerHistory(db: PrismaClient, now: Date, rawRetentionHours: number): Promise<void> {
  const rawCutoff = new Date(now.getTime() - rawRetentionHours * 3_600_000);
  await db.producerSample.deleteMany({ where: { at: { lt: rawCutoff } } });
  await db.conformanceSample.deleteMany({ where: { at: { lt: new Date(now.getTime() - 7 * 86_400_000) } } });
  await db.$executeRawUnsafe(
    `DELETE FROM "ConformanceViolation" WHERE "sampledAt" < $1::timestamp AND "id" NOT IN (
     SELECT "id" FROM (SELECT "id", row_number() OVER (PARTITION BY "cluster", "topic" ORDER BY "sampledAt" DESC, "recordAt" DESC, "id" DESC) AS rank
                       FROM "ConformanceViolation") AS ranked
     WHERE rank <= ${LATEST_VIOLATIONS})`,
    rawCutoff,
  );
}

export type ConformanceHistoryPoint = { at: number; checked: number; violations: number };

/**
 * A topic's records checked and violations per sample interval (raw, short ranges) or per 1- or
 * 10-minute bucket (summed), like getTopicHistory's resolutions: one indexed, grouped query.
 */
export async function getConformanceHistory(
  db: PrismaClient,
  query: { cluster: string; topic: string; range: HistoryRange; now?: Date },
): Promise<{ resolution: number; points: ConformanceHistoryPoint[] }> {
  const resolution = resolutionForRange(query.range);
  const since = new Date((query.now ?? new Date()).getTime() - HISTORY_RANGES[query.range] * 60_000);
  const bucket = resolution === RESOLUTIONS.raw ? `"at"` : `date_bin('${resolution} seconds'::interval, "at", TIMESTAMP '2000-01-01')`;
  const rows = await db.$queryRawUnsafe<{ at: Date; checked: bigint; violations: bigint }[]>(
    `SELECT ${bucket} AS at, sum("checked")::bigint AS checked, sum("violations")::bigint AS violations
     FROM "ConformanceSample" WHERE "cluster" = $1 AND "topic" = $2 AND "at" >= $3::timestamp
     GROUP BY 1 ORDER BY 1`,
    query.cluster,
    query.topic,
    since,
  );
  return { resolution, points: rows.map((row) => ({ at: row.at.getTime(), checked: Number(row.checked), violations: Number(row.violations) })) };
}
