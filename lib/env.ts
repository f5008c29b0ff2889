import "server-only";
import { z } from "zod";
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";

/** One Kafka cluster's connection settings. Secrets stay on the server: see `toPublicCluster`. */
export const clusterConfigSchema = z.object({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "cluster name: lowercase letters, digits and '-'"),
  brokers: z.array(z.string().regex(/^[^\s:]+:\d+$/, "broker must be host:port")).min(1),
  /** true: TLS trusting the system's CAs; an object to trust a private CA (a PEM file) or name the broker. */
  ssl: z
    .union([
      z.boolean(),
      z.strictObject({
        ca: z.string().min(1, "ssl.ca: path of a PEM file with the CA certificate(s)").optional(),
        rejectUnauthorized: z.boolean().default(true),
        servername: z.string().min(1).optional(),
      }),
    ])
    .default(false),
  sasl: z
    .object({
      mechanism: z.enum(["plain", "scram-sha-256", "scram-sha-512"]),
      username: z.string().min(1),
      password: z.string().min(1),
    })
    .optional(),
});
export type ClusterConfig = z.infer<typeof clusterConfigSchema>;

const envSchema = z.object({
  KAFKA_BROKERS: z.string().optional(),
  KAFKA_CLUSTER_NAME: z.string().default("local"),
  KAFKA_CLUSTERS_FILE: z.string().optional(),
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().default(".data/pglite"),
  COLLECTOR_INTERVAL_MS: z.coerce.number().int().min(500).max(600_000).default(10_000),
  COLLECTOR_WINDOW_SAMPLES: z.coerce.number().int().min(3).max(100).default(10),
  COLLECTOR_DISABLED: z.enum(["0", "1", "true", "false"]).default("0"),
  /** all: web + collector in one command (the demo, PGlite); web: serves what collectors publish; collector: samples Kafka. */
  TRIBUTARY_ROLE: z.enum(["all", "web", "collector"]).default("all"),
  /** How long a collector's lease on a cluster lasts unrenewed; default 60% of the interval, at least 2 s (failover within two intervals). */
  COLLECTOR_LEASE_MS: z.coerce.number().int().min(300).max(600_000).optional(),
  /** The collector role's health endpoint (GET /healthz, /readyz); 0 turns it off. */
  COLLECTOR_HEALTH_PORT: z.coerce.number().int().min(0).max(65_535).default(9464),
  HISTORY_RETENTION_HOURS: z.coerce.number().positive().default(24),
  FLOW_PRODUCER_HEADER: z.string().default("x-producer"),
  /** Records sampled per topic per interval for producers and conformance; 0 turns sampling off. */
  SAMPLE_RECORDS_PER_TOPIC: z.coerce.number().int().min(0).max(1_000).default(20),
  /** Bytes asked of Kafka per topic per interval (split over the partitions visited). */
  SAMPLE_BYTES_PER_TOPIC: z.coerce.number().int().min(1_024).max(16 * 1024 * 1024).default(64 * 1024),
  /** Producers and conformance are counted over this many minutes. */
  PRODUCER_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1_440).default(15),
});

export type AppConfig = {
  clusters: ClusterConfig[];
  databaseUrl: string | undefined;
  pgliteDir: string;
  collectorIntervalMs: number;
  collectorWindowSamples: number;
  collectorEnabled: boolean;
  role: "all" | "web" | "collector";
  collectorLeaseMs: number;
  collectorHealthPort: number;
  historyRetentionHours: number;
  flowProducerHeader: string;
  sampleRecordsPerTopic: number;
  sampleBytesPerTopic: number;
  producerWindowMinutes: number;
};

/** Parses configuration; throws one error listing every problem. Exported for tests. */
export function parseConfig(source: Record<string, string | undefined>): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  return {
    clusters: readClusters(env),
    databaseUrl: env.DATABASE_URL,
    pgliteDir: env.PGLITE_DIR,
    collectorIntervalMs: env.COLLECTOR_INTERVAL_MS,
    collectorWindowSamples: env.COLLECTOR_WINDOW_SAMPLES,
    collectorEnabled: env.COLLECTOR_DISABLED === "0" || env.COLLECTOR_DISABLED === "false",
    role: checkRole(env),
    // Short enough for a standby to take over within two intervals, long enough that a busy machine
    // does not lose it between renewals (every quarter of it).
    collectorLeaseMs: env.COLLECTOR_LEASE_MS ?? Math.max(2_000, Math.round(env.COLLECTOR_INTERVAL_MS * 0.6)),
    collectorHealthPort: env.COLLECTOR_HEALTH_PORT,
    historyRetentionHours: env.HISTORY_RETENTION_HOURS,
    flowProducerHeader: env.FLOW_PRODUCER_HEADER,
    sampleRecordsPerTopic: env.SAMPLE_RECORDS_PER_TOPIC,
    sampleBytesPerTopic: env.SAMPLE_BYTES_PER_TOPIC,
    producerWindowMinutes: env.PRODUCER_WINDOW_MINUTES,
  };
}

/** More than one process means PostgreSQL: the embedded PGlite database opens in one process only. */
function checkRole(env: z.infer<typeof envSchema>): AppConfig["role"] {
  if (env.TRIBUTARY_ROLE !== "all" && !env.DATABASE_URL) {
    throw new Error(
      `Invalid configuration:\n  TRIBUTARY_ROLE=${env.TRIBUTARY_ROLE} needs DATABASE_URL (PostgreSQL): separate web and collector processes ` +
        "share their data through it, and the embedded PGlite database can be opened by one process only. Use TRIBUTARY_ROLE=all for a single process.",
    );
  }
  return env.TRIBUTARY_ROLE;
}

function readClusters(env: z.infer<typeof envSchema>): ClusterConfig[] {
  if (env.KAFKA_CLUSTERS_FILE) {
    const text = readFileSync(env.KAFKA_CLUSTERS_FILE, "utf8");
    const fileSchema = z.object({ clusters: z.array(clusterConfigSchema).min(1) });
    const result = fileSchema.safeParse(parseYaml(text));
    if (!result.success) {
      const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
      throw new Error(`Invalid clusters file ${env.KAFKA_CLUSTERS_FILE}:\n${lines.join("\n")}`);
    }
    const names = result.data.clusters.map((cluster) => cluster.name);
    const duplicate = names.find((name, index) => names.indexOf(name) !== index);
    if (duplicate) throw new Error(`Invalid clusters file: cluster "${duplicate}" is listed twice`);
    return result.data.clusters;
  }
  const brokers = (env.KAFKA_BROKERS ?? "127.0.0.1:9092")
    .split(",")
    .map((broker) => broker.trim())
    .filter(Boolean);
  return [clusterConfigSchema.parse({ name: env.KAFKA_CLUSTER_NAME, brokers })];
}

let cached: AppConfig | undefined;

/** The validated configuration of this server process, read once. */
export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** What the browser may know of a cluster: never credentials. */
export function toPublicCluster(cluster: ClusterConfig) {
  return {
    name: cluster.name,
    brokers: cluster.brokers,
    ssl: cluster.ssl !== false,
    saslMechanism: cluster.sasl?.mechanism ?? null,
  };
}
export type PublicCluster = ReturnType<typeof toPublicCluster>;

/** The named cluster, or the first configured one when no name is given; null when unknown. */
export function findCluster(name: string | null | undefined): ClusterConfig | null {
  const { clusters } = getConfig();
  if (!name) return clusters[0] ?? null;
  return clusters.find((cluster) => cluster.name === name) ?? null;
}
