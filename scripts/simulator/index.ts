/**
 * npm run simulate: the demo shop's traffic against KAFKA_BROKERS (default 127.0.0.1:9092),
 * until Ctrl-C. Prints a one-line summary every 30 s.
 */
import { startSimulator, type SimulatorStats } from "./simulator";

const SUMMARY_INTERVAL_MS = 30_000;

function timestamped(line: string) {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}

function summarize(stats: SimulatorStats): string {
  const minutes = Math.max((Date.now() - stats.startedAt) / 60_000, 1 / 60);
  const produced = Object.values(stats.produced).reduce((sum, count) => sum + count, 0);
  const consumed = Object.values(stats.consumed).reduce((sum, count) => sum + count, 0);
  const orders = stats.produced["orders.created"] ?? 0;
  return (
    `${minutes.toFixed(1)} min: produced ${produced} (orders ${orders}, ${(orders / minutes / 60).toFixed(1)}/s), ` +
    `consumed ${consumed} ` +
    `(${Object.entries(stats.consumed).map(([group, count]) => `${group} ${count}`).join(", ")})`
  );
}

async function main() {
  const brokers = (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(",").map((broker) => broker.trim()).filter(Boolean);
  timestamped(`connecting to ${brokers.join(", ")}`);
  const simulator = await startSimulator({ brokers, log: timestamped });
  timestamped("running; Ctrl-C stops it");
  const summaryTimer = setInterval(() => timestamped(summarize(simulator.getStats())), SUMMARY_INTERVAL_MS);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(summaryTimer);
    timestamped(`${signal}: stopping`);
    await simulator.stop();
    timestamped(`stopped. ${summarize(simulator.getStats())}`);
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(`simulator failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
