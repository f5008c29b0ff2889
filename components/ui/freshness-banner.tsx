import { formatAge } from "@/lib/format";
import { staleCause } from "@/lib/stale-cause";
import type { Freshness } from "@/lib/validation/api/freshness";

/** The part of a response's freshness the banner reads (live-data lists build it from a cluster state). */
type FreshnessInfo = Pick<Freshness, "ageSeconds" | "stale" | "lastError"> & { collectorDown?: boolean };

/** Says plainly when the numbers are old: Kafka cannot be reached or read, or no collector is running. */
export function FreshnessBanner({ freshness }: { freshness: FreshnessInfo | undefined }) {
  if (!freshness?.stale) return null;
  return (
    <div className="banner warning" role="status" data-testid="stale-banner">
      <strong>Showing data from {formatAge(freshness.ageSeconds)}.</strong> {staleCause(freshness.lastError, freshness.collectorDown)}:{" "}
      {freshness.lastError}.{freshness.collectorDown ? null : " Retrying in the background."}
    </div>
  );
}

export function UpdatedAt({ freshness }: { freshness: FreshnessInfo | undefined }) {
  if (!freshness) return null;
  return (
    <span className="subtle" data-testid="updated-at">
      sampled {formatAge(freshness.ageSeconds)}
    </span>
  );
}
