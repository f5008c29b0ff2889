import { formatAge } from "@/lib/format";

export type FreshnessInfo = { ageSeconds: number; stale: boolean; lastError: string | null };

/** Says plainly when the numbers are old because Kafka cannot be reached. */
export function FreshnessBanner({ freshness }: { freshness: FreshnessInfo | undefined }) {
  if (!freshness?.stale) return null;
  return (
    <div className="banner warning" role="status" data-testid="stale-banner">
      <strong>Showing data from {formatAge(freshness.ageSeconds)}.</strong> Kafka is unreachable: {freshness.lastError}. Retrying in
      the background.
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
