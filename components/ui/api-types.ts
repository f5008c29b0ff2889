// Response shapes of the route handlers, shared by the client hooks (types only).
import type { Page, TopicRow, GroupRow } from "@/lib/collector/queries";
import type { Overview } from "@/lib/collector/overview";
import type { GroupSnapshot, GroupTopicSummary, TopicSnapshot } from "@/lib/collector/types";
import type { GroupHistoryPoint, TopicHistoryPoint } from "@/lib/collector/history";
import type { BrowsedMessage } from "@/lib/kafka/messages";
import type { FreshnessInfo } from "@/components/ui/freshness-banner";

export type WithFreshness = { freshness: FreshnessInfo & { cluster: string; sampledAt: number } };
export type OverviewResponse = WithFreshness & { overview: Overview };
export type TopicListResponse = WithFreshness & Page<TopicRow>;
export type GroupListResponse = WithFreshness & Page<GroupRow>;
export type TopicReader = GroupTopicSummary & { groupId: string; state: string; members: number };
export type TopicConfigView = { name: string; value: string | null; isDefault: boolean; readOnly: boolean; sensitive: boolean };
export type TopicDetailResponse = WithFreshness & {
  topic: TopicSnapshot;
  readers: TopicReader[];
  configs: { entries: TopicConfigView[]; error: string | null };
};
export type GroupDetailResponse = WithFreshness & { group: GroupSnapshot; producedPerSec: Record<string, number | null> };
export type TopicHistoryResponse = { range: string; resolution: number; points: TopicHistoryPoint[] };
export type GroupHistoryResponse = { range: string; topic: string; resolution: number; points: GroupHistoryPoint[] };
export type MessagesResponse = { messages: BrowsedMessage[]; partitions: number[] };
export type ClusterHistoryResponse = { range: string; resolution: number; points: { at: number; messagesPerSec: number }[] };
