/**
 * npm run kafka -- start | stop | status | tool <kafka-tool> [args...]
 * Manages the local development broker (see scripts/lib/local-kafka.ts). Environment:
 * KAFKA_PORT (9092), KAFKA_NODES (1), KAFKA_CONTROLLER_PORT (port+nodes), KAFKA_DATA_DIR (.data/kafka).
 */
import {
  getKafkaStatus, KAFKA_TOOLS, resolveKafkaOptions, runKafkaTool, startKafka, stopKafka, type KafkaToolName,
} from "./lib/local-kafka";

const USAGE = `Usage: npm run kafka -- <command>
  start                      start the local broker (no-op when it already runs; with
                             KAFKA_NODES=3, three nodes, restarting any that was stopped)
  stop [node-id]             stop it (or only that node of several)
  status                     show whether it runs and answers
  tool <name> [args...]      run one of Kafka's tools with the same jars:
                             ${Object.keys(KAFKA_TOOLS).join(", ")}
Example: npm run kafka -- tool kafka-consumer-groups --bootstrap-server 127.0.0.1:9092 --describe --all-groups`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const options = resolveKafkaOptions();
  switch (command) {
    case "start": {
      const result = await startKafka(options);
      const verb = result.alreadyRunning ? "already running" : `started in ${(result.startupMs / 1000).toFixed(1)} s`;
      console.log(`Kafka ${verb}: ${result.brokerAddress} (pid ${result.pid}, cluster ${result.cluster?.clusterId})`);
      console.log(`  data dir: ${result.dataDir}`);
      console.log(`  log file: ${result.logFile}`);
      console.log(`  stop it:  npm run kafka -- stop`);
      return 0;
    }
    case "stop": {
      const nodeId = rest[0] === undefined ? undefined : Number(rest[0]);
      const result = await stopKafka({ dataDir: options.dataDir, nodeId });
      if (!result.stopped) console.log(`Kafka was not running (data dir ${options.dataDir}).`);
      else console.log(`Kafka stopped (pid ${result.pid}${result.forced ? ", killed after timeout" : ""}).`);
      return 0;
    }
    case "status": {
      const status = await getKafkaStatus(options);
      const state = status.running ? `running (pid ${status.pid})` : "not running";
      const answer = status.cluster
        ? `answering: cluster ${status.cluster.clusterId}, ${status.cluster.brokerCount} broker(s)`
        : "not answering";
      console.log(`Kafka ${state}; ${status.brokerAddress} ${answer}`);
      console.log(`  data dir: ${status.dataDir}`);
      console.log(`  log file: ${status.logFile}`);
      if (!status.running && status.answering) console.log("  (another broker, not started from this data dir, answers on that port)");
      return status.running && status.answering ? 0 : 1;
    }
    case "tool": {
      const [tool, ...args] = rest;
      if (!tool || !(tool in KAFKA_TOOLS)) {
        console.error(`Unknown tool "${tool ?? ""}".\n${USAGE}`);
        return 2;
      }
      const result = await runKafkaTool(tool as KafkaToolName, args);
      process.stdout.write(result.stdout);
      process.stderr.write(result.stderr);
      return result.code;
    }
    default:
      console.error(USAGE);
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
