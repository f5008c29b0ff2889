import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";

/*
 * kafkajs rejects a whole Metadata response when any partition in it carries an error code: one
 * partition without a leader (LEADER_NOT_AVAILABLE, a broker down with the only replica) makes
 * every metadata call fail, and with it the admin's listGroups and describeCluster and the
 * broker pool's refresh. For a dashboard an offline partition is a fact to show, not a reason to
 * see nothing. Inside `allowOfflinePartitions` the response keeps such partitions (leader −1,
 * their error code dropped); errors of a whole topic still throw. Outside it kafkajs behaves as
 * shipped, so its own waits (createTopics's waitForLeaders, a producer finding a new leader) and
 * other code in the process are untouched. The scope follows async calls made inside it
 * (AsyncLocalStorage), including kafkajs's own metadata refreshes triggered from there. (A sample's
 * own metadata read is not kafkajs's and lists offline partitions anyway: cluster-metadata.ts; this
 * covers the broker pool's refreshes and kafkajs's requests made during a sample.)
 */
const require = createRequire(import.meta.url);
const scope = new AsyncLocalStorage<true>();

type MetadataResponse = { topicMetadata: { topicErrorCode: number; partitionMetadata: { partitionErrorCode: number }[] }[] };
type ResponseModule = { parse(data: MetadataResponse): Promise<MetadataResponse>; [PATCHED]?: true };

const hasPartitionErrors = (topic: MetadataResponse["topicMetadata"][number]) => topic.partitionMetadata.some((partition) => partition.partitionErrorCode !== 0);

const PATCHED = Symbol.for("tributary.kafkajs.metadataOfflinePartitions");
// Versions kafkajs 2.2.4 speaks; Kafka 4 answers only v4 and newer, older ones are patched alike.
const VERSIONS = [0, 1, 2, 3, 4, 5, 6];

function patchMetadataResponses(): void {
  for (const version of VERSIONS) {
    const response = require(`kafkajs/src/protocol/requests/metadata/v${version}/response`) as ResponseModule;
    if (response[PATCHED]) continue;
    const original = response.parse;
    response.parse = async (data) => {
      if (!scope.getStore() || !data.topicMetadata.some(hasPartitionErrors)) return original(data);
      // Copies only what changes: the response of a sample lists every partition (15,000 of them).
      const kept = {
        ...data,
        topicMetadata: data.topicMetadata.map((topic) =>
          hasPartitionErrors(topic)
            ? { ...topic, partitionMetadata: topic.partitionMetadata.map((partition) => (partition.partitionErrorCode === 0 ? partition : { ...partition, partitionErrorCode: 0 })) }
            : topic,
        ),
      };
      // Topic-level errors (an unknown topic, say) still fail as kafkajs would.
      return original(kept);
    };
    response[PATCHED] = true;
  }
}

patchMetadataResponses();

/** Runs `fn` with metadata responses that list offline partitions instead of failing. */
export function allowOfflinePartitions<T>(fn: () => Promise<T>): Promise<T> {
  return scope.run(true, fn);
}
