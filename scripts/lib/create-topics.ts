// Creating topics and waiting for their leaders, for the demo, the tests and the benches.
//
// kafkajs's `createTopics({ waitForLeaders: true })` asks the controller's broker for the new
// topics' metadata straight away and retries only LEADER_NOT_AVAILABLE. In KRaft a broker learns of
// a topic from the metadata log a moment after the controller made it, so that first answer can be
// UNKNOWN_TOPIC_OR_PARTITION, which kafkajs throws ("This server does not host this
// topic-partition"): CI saw it on a freshly started broker. Here the wait is ours: every partition
// of every topic with a leader, any error read as "not yet".
import type { Admin, ITopicConfig } from "kafkajs";

/** Creates the topics and waits until every partition has a leader; false when they all existed already. */
export async function createTopicsWithLeaders(admin: Admin, topics: ITopicConfig[], timeoutMs = 60_000): Promise<boolean> {
  const created = await admin.createTopics({ topics, waitForLeaders: false, timeout: timeoutMs });
  await waitForTopicLeaders(admin, topics.map((topic) => topic.topic), timeoutMs);
  return created;
}

/** Waits until each named topic exists and every one of its partitions has a leader. */
export async function waitForTopicLeaders(admin: Admin, names: string[], timeoutMs = 60_000, pollMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer yet";
  for (;;) {
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: names });
      const byName = new Map(topics.map((topic) => [topic.name, topic]));
      const waiting = names.filter((name) => {
        const topic = byName.get(name);
        return !topic || topic.partitions.length === 0 || topic.partitions.some((partition) => partition.leader < 0);
      });
      if (waiting.length === 0) return;
      last = `without leaders: ${waiting.slice(0, 5).join(", ")}${waiting.length > 5 ? ` and ${waiting.length - 5} more` : ""}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) throw new Error(`topics still not ready after ${timeoutMs / 1000} s (${last})`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
