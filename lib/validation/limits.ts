// The catalog's size limits, in one place: every string a write accepts has a maximum, so a
// hostile or mistaken client cannot store megabytes in a name or slow every page that lists it.
// Lengths count UTF-16 code units (JavaScript's `length`). A value over its limit is a 422 field
// error; the forms set the same `maxLength`.
export const LIMITS = {
  /** Slugs, topic names, owner/team references: Kafka's own limit for topic names. */
  kafkaName: 249,
  /** Consumer group ids: Kafka allows longer, but 249 is what its tools and our URLs handle well. */
  consumerGroupId: 249,
  /** Cluster names, as in lib/env.ts. */
  clusterName: 63,
  /** Display names of teams and services. */
  displayName: 120,
  /** Descriptions of teams, services and contracts (multi-line). */
  description: 4000,
  /** The purpose of a declared flow (multi-line). */
  flowPurpose: 500,
  /** RFC 5321's limit for an address. */
  email: 254,
  chatChannel: 100,
  url: 2048,
  tag: 40,
  tagsPerService: 50,
  consumerGroupsPerService: 100,
  /** A producer header value (FLOW_PRODUCER_HEADER), and how many one service may declare. */
  producerHeaderValue: 249,
  producerHeaderValuesPerService: 20,
  flowsPerService: 200,
  /** A value or key JSON Schema, as compact JSON text (256 KiB). */
  jsonSchemaChars: 256 * 1024,
  /** An example message, as compact JSON text (64 KiB). */
  exampleMessageChars: 64 * 1024,
  /** Nesting of objects and arrays inside a schema or an example. */
  jsonDepth: 64,
} as const;
