import { LiveDataNotice } from "@/components/catalog/catalog-states";
import { FreshnessBanner } from "@/components/ui/freshness-banner";

export type ClusterFreshness = { cluster: string; stale: boolean; ageSeconds: number | null; lastError: string | null; hasSnapshot: boolean; collectorDown?: boolean };

/**
 * The catalog overview's live counts (unowned topics, undocumented groups) come from the
 * collector's snapshot: when Kafka is unreachable they are old, and this says so with the same
 * marker the topic, group and overview pages show.
 */
export function LiveFreshness({ clusters }: { clusters: ClusterFreshness[] }) {
  return (
    <>
      {clusters.map((state) => (
        <div key={state.cluster} data-cluster={state.cluster}>
          {!state.hasSnapshot ? (
            <LiveDataNotice cluster={state.cluster} state={state} />
          ) : (
            state.stale && (
              <>
                {clusters.length > 1 && <h3>Cluster {state.cluster}</h3>}
                <FreshnessBanner freshness={{ stale: state.stale, ageSeconds: state.ageSeconds ?? 0, lastError: state.lastError, collectorDown: state.collectorDown }} />
              </>
            )
          )}
        </div>
      ))}
    </>
  );
}
