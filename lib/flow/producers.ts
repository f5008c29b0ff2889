// Who wrote a topic's records, as far as the producer header tells: the join between header values
// seen in the collector's sample and the catalog's services. Pure, shared by the flow graph, the
// topic page and the service page so all three classify a producer the same way.
import type { TopicConformance, TopicProducers, TopicSnapshot } from "@/lib/collector/types";
import type { FlowClassification, FlowConformance, ObservedProducers } from "@/lib/flow/types";

/** A service as far as producer attribution needs it. */
export type ProducerIdentity = { slug: string; producerHeaderValues?: string[] };

/**
 * Header value → service slug. A service writes the values it declares, or its slug when it
 * declares none. An explicitly declared value wins over another service's default slug; between
 * two explicit claims (which the catalog refuses) the first service in the list wins.
 */
export function createProducerResolver(services: ProducerIdentity[]): (value: string) => string | null {
  const byValue = new Map<string, string>();
  for (const service of services) {
    for (const value of service.producerHeaderValues ?? []) if (!byValue.has(value)) byValue.set(value, service.slug);
  }
  for (const service of services) {
    if ((service.producerHeaderValues ?? []).length === 0 && !byValue.has(service.slug)) byValue.set(service.slug, service.slug);
  }
  return (value) => byValue.get(value) ?? null;
}

/** The snapshot's per-topic header counts as the flow builder's input. */
export function toObservedProducers(producers: TopicProducers[]): ObservedProducers {
  const observed: ObservedProducers = new Map();
  for (const topic of producers) {
    const counts = new Map<string | null, number>();
    for (const entry of topic.byValue) counts.set(entry.value, (counts.get(entry.value) ?? 0) + entry.records);
    observed.set(topic.topic, counts);
  }
  return observed;
}

/** How a producer relates to the catalog: the consume edges' classification plus two of its own. */
export type ProducerClassification = FlowClassification | "unknown" | "unattributed";

export type TopicProducerRow = {
  /** The header value; null for records without the header, and for a declared producer not seen. */
  value: string | null;
  /** The catalog service the value maps to; null for unknown values and unattributed records. */
  serviceSlug: string | null;
  classification: ProducerClassification;
  records: number;
  /** records / sampled records of the topic (0–1); 0 for declared producers not seen. */
  share: number;
  /** share × the topic's msg/s: an ESTIMATE (Kafka does not record who wrote a record); null without a rate. */
  estimatedRate: number | null;
  /** producer-sample: from the header counts; declared-split: no record carries the header, so the
   * topic's rate is split evenly between its declared producers. */
  rateSource: "producer-sample" | "declared-split" | "none";
  /** Conformance of this producer's sampled records; null when the topic has no schema or none were checked. */
  conformance: FlowConformance | null;
};

export type DescribeTopicProducersInput = {
  sample: TopicProducers | null;
  services: ProducerIdentity[];
  /** Slugs of the services the catalog declares as producers of this topic. */
  declaredProducers: string[];
  /** The topic as sampled now; null when it is not on the cluster. */
  topic: TopicSnapshot | null;
  conformance: TopicConformance | null;
};

const CLASSIFICATION_ORDER: Record<ProducerClassification, number> = {
  "declared-observed": 0,
  "observed-not-declared": 1,
  unknown: 2,
  unattributed: 3,
  "declared-not-observed": 4,
};

/**
 * One row per header value seen on the topic (values of one service stay separate rows, so the
 * person sees what was actually written), one for unattributed records, and one per declared
 * producer none of whose values was seen ("declared only"). Rows with records first, by records.
 */
export function describeTopicProducers(input: DescribeTopicProducersInput): TopicProducerRow[] {
  const resolve = createProducerResolver(input.services);
  const declared = new Set(input.declaredProducers);
  const total = input.sample?.sampledRecords ?? 0;
  const messagesPerSec = input.topic?.messagesPerSec ?? null;
  const checkedByValue = new Map((input.conformance?.byProducer ?? []).map((entry) => [entry.value, entry]));
  const rows: TopicProducerRow[] = [];
  const seenServices = new Set<string>();
  for (const entry of input.sample?.byValue ?? []) {
    const serviceSlug = entry.value === null ? null : resolve(entry.value);
    if (serviceSlug) seenServices.add(serviceSlug);
    const share = total > 0 ? entry.records / total : 0;
    const checked = checkedByValue.get(entry.value);
    rows.push({
      value: entry.value,
      serviceSlug,
      classification:
        entry.value === null ? "unattributed" : serviceSlug === null ? "unknown" : declared.has(serviceSlug) ? "declared-observed" : "observed-not-declared",
      records: entry.records,
      share,
      estimatedRate: messagesPerSec === null ? null : messagesPerSec * share,
      rateSource: "producer-sample",
      conformance: checked && checked.checked > 0 ? { checked: checked.checked, violations: checked.violations } : null,
    });
  }
  // Without a single record carrying the header, the header says nothing about who writes: an
  // active topic's declared producers count as observed, sharing its rate evenly.
  const headerInUse = seenServices.size > 0 || rows.some((row) => row.classification === "unknown");
  const missing = input.declaredProducers.filter((slug) => !seenServices.has(slug));
  const split = !headerInUse && isTopicActive(input.topic);
  for (const slug of missing) {
    rows.push({
      value: null,
      serviceSlug: slug,
      classification: split ? "declared-observed" : "declared-not-observed",
      records: 0,
      share: 0,
      estimatedRate: split && messagesPerSec !== null ? messagesPerSec / missing.length : null,
      rateSource: split ? "declared-split" : "none",
      conformance: null,
    });
  }
  return rows.sort(
    (a, b) =>
      b.records - a.records ||
      CLASSIFICATION_ORDER[a.classification] - CLASSIFICATION_ORDER[b.classification] ||
      (a.value ?? a.serviceSlug ?? "").localeCompare(b.value ?? b.serviceSlug ?? ""),
  );
}

/** Conformance % (0–100) of checked records; null when nothing was checked. */
export function toConformancePercent(conformance: FlowConformance | null | undefined): number | null {
  if (!conformance || conformance.checked === 0) return null;
  return ((conformance.checked - conformance.violations) / conformance.checked) * 100;
}

/** A topic is written to when its end offsets moved in the last interval (or, before a rate
 * exists, when it holds messages at all). */
export function isTopicActive(topic: TopicSnapshot | null | undefined): boolean {
  if (!topic) return false;
  if (topic.messagesPerSec === null) return topic.messageCount > 0;
  return topic.messagesPerSec > 0;
}

/** Counts of a sample by the node they belong to: services (by slug), unknown values, no header. */
export type AttributedSample = {
  total: number;
  byService: Map<string, number>;
  unknown: Map<string, number>;
  unattributed: number;
};

export function attributeSample(counts: Map<string | null, number>, resolve: (value: string) => string | null): AttributedSample {
  const sample: AttributedSample = { total: 0, byService: new Map(), unknown: new Map(), unattributed: 0 };
  for (const [value, count] of counts) {
    if (count <= 0) continue;
    sample.total += count;
    if (value === null) {
      sample.unattributed += count;
      continue;
    }
    const slug = resolve(value);
    const into = slug === null ? sample.unknown : sample.byService;
    const key = slug ?? value;
    into.set(key, (into.get(key) ?? 0) + count);
  }
  return sample;
}
