// What a stale page says before its reason. Shared by the server (lib/kafka/kafka-errors.ts writes
// the reasons) and the browser (the banners read them).

/** A reason starts with this when no broker of the cluster could be reached at all. */
export const UNREACHABLE = "cannot reach Kafka";

/**
 * "Kafka is unreachable" only when no broker answered; a broker that answered with an error (the
 * credentials rejected, a certificate not trusted, a group coordinator gone) is a failed read.
 */
export function staleCause(lastError: string | null | undefined, collectorDown = false): string {
  if (collectorDown) return "The collector is down";
  return !lastError || lastError.startsWith(UNREACHABLE) ? "Kafka is unreachable" : "Reading Kafka failed";
}
