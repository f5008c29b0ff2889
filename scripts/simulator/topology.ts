/**
 * The demo shop: services that talk only through Kafka. The demo catalog (another file, written
 * from this same list) documents all of it except, on purpose, the `legacy-reporting` group and
 * the `legacy-checkout` producer (which also writes without the producer header).
 */

export const TOPICS = [
  { name: "orders.created", partitions: 6 },
  { name: "payments.authorized", partitions: 3 },
  { name: "inventory.reserved", partitions: 3 },
  { name: "shipments.dispatched", partitions: 2 },
  { name: "notifications.sent", partitions: 1 },
  // Produced, never consumed: the flow graph should show a topic with no readers.
  { name: "inventory.low-stock", partitions: 1 },
] as const;

export type TopicName = (typeof TOPICS)[number]["name"];

/**
 * How a consumer behaves:
 * - "steady": keeps up with its input;
 * - "slow": handles fewer messages per second than arrive, so lag grows while it still commits;
 * - "stopped": consumes only during the first run of the simulator, then never again, so its
 *   lag grows and its committed offsets go stale.
 */
export type ConsumerBehavior = "steady" | "slow" | "stopped";

export type ServiceSpec = {
  /** Slug used as the x-producer header value and as the kafkajs clientId. */
  slug: string;
  produces: TopicName[];
  consumer?: { groupId: string; topics: TopicName[]; behavior: ConsumerBehavior };
  /** False for services that exist on the cluster but in no catalog entry. */
  inCatalog: boolean;
  /** False for a producer that writes without the producer header ("unattributed" records). */
  sendsProducerHeader?: false;
};

export const SERVICES: ServiceSpec[] = [
  { slug: "orders", produces: ["orders.created"], inCatalog: true },
  {
    slug: "payments",
    produces: ["payments.authorized"],
    consumer: { groupId: "payments-service", topics: ["orders.created"], behavior: "steady" },
    inCatalog: true,
  },
  {
    slug: "inventory",
    produces: ["inventory.reserved", "inventory.low-stock"],
    consumer: { groupId: "inventory-service", topics: ["orders.created"], behavior: "steady" },
    inCatalog: true,
  },
  {
    slug: "fraud-detection",
    produces: [],
    consumer: { groupId: "fraud-detection", topics: ["orders.created"], behavior: "slow" },
    inCatalog: true,
  },
  {
    slug: "shipping",
    produces: ["shipments.dispatched"],
    consumer: { groupId: "shipping-service", topics: ["payments.authorized", "inventory.reserved"], behavior: "steady" },
    inCatalog: true,
  },
  {
    slug: "notifications",
    produces: ["notifications.sent"],
    consumer: { groupId: "notifications-service", topics: ["shipments.dispatched"], behavior: "steady" },
    inCatalog: true,
  },
  {
    slug: "analytics",
    produces: [],
    consumer: { groupId: "analytics-etl", topics: ["orders.created", "payments.authorized"], behavior: "stopped" },
    inCatalog: true,
  },
  {
    // An old checkout still running beside `orders`: it writes some of the orders (valid ones)
    // without the producer header, so orders.created shows an unattributed share.
    slug: "legacy-checkout",
    produces: ["orders.created"],
    inCatalog: false,
    sendsProducerHeader: false,
  },
  {
    slug: "legacy-reporting",
    produces: [],
    consumer: { groupId: "legacy-reporting", topics: ["payments.authorized"], behavior: "steady" },
    inCatalog: false,
  },
];

/** Rates (messages per second) kept modest for a 2-core machine. */
export const RATES = {
  ordersPerSec: 4,
  /** fraud-detection's processing rate: well below ordersPerSec (4 ± 25%), so its lag grows ~2.5 msg/s.
   * The margin is wide on purpose: with 5 s auto-commits sampled every 10 s, a narrower one lets
   * the summed lag dip now and then, and the group would flicker between WARNING and OK. */
  slowConsumerPerSec: 1.5,
  /** Share of orders that leave an item below its reorder threshold (~0.2 msg/s at 4 orders/s). */
  lowStockProbability: 0.05,
  /** How long the stopped consumer reads on the simulator's first run before stopping for good. */
  stoppedConsumerRunMs: 20_000,
  /** Every Nth order is written by legacy-checkout, without the producer header (10% unattributed). */
  unattributedOrderEvery: 10,
  /** Every Nth payments.authorized record breaks its contract (amount as text): ~1 every 5 s. */
  brokenPaymentEvery: 20,
} as const;
