import "server-only";
// Public surface of the collector (implementation in progress by the lead).
export type * from "@/lib/collector/types";
export { getClusterState, listClusterStates, ensureCollectorStarted, getTopicConfigs } from "@/lib/collector/registry";
