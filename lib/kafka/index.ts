import "server-only";
// lib/kafka is the only place that imports kafkajs.
export { takeRawSample, type RawSample } from "@/lib/kafka/raw-sample";
export { browseMessages, type BrowsedMessage, type RenderedValue } from "@/lib/kafka/messages";
export { readRecordValue, type RecordValueResult } from "@/lib/kafka/record-value";
export { describeTopicConfigs, type TopicConfigEntry } from "@/lib/kafka/topic-configs";
export { checkKafka, type KafkaHealth } from "@/lib/kafka/health";
