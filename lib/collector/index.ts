import "server-only";
// Public surface of the collector: what pages and route handlers may read.
export type * from "@/lib/collector/types";
export { getClusterState, listClusterStates, ensureCollectorStarted, getTopicConfigs, describeServices } from "@/lib/collector/registry";
