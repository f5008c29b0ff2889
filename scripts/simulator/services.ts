/** What each demo service does with a message it consumes: the shop's business logic, in small. */
import {
  authorizePayment, detectLowStock, dispatchShipment, reserveInventory, sendNotification, withAmountAsText,
  type OrderCreated, type ShipmentDispatched,
} from "./events";
import { RATES, type TopicName } from "./topology";

/** Produces one event as the calling service (the simulator adds the producer header). */
export type Emit = (topic: TopicName, key: string, event: object) => Promise<void>;
export type MessageHandler = (topic: TopicName, event: unknown) => Promise<void>;

/** Shipping waits for both the payment and the reservation of an order; cap what it remembers. */
const MAX_PENDING_SHIPMENTS = 5_000;

export function createMessageHandler(slug: string, emit: Emit): MessageHandler {
  switch (slug) {
    case "payments":
      return createPaymentsHandler(emit);
    case "inventory":
      return async (_topic, event) => {
        const reservation = reserveInventory(event as OrderCreated);
        await emit("inventory.reserved", reservation.orderId, reservation);
        if (Math.random() < RATES.lowStockProbability) {
          const lowStock = detectLowStock(reservation);
          await emit("inventory.low-stock", lowStock.sku, lowStock);
        }
      };
    case "shipping":
      return createShippingHandler(emit);
    case "notifications":
      return async (_topic, event) => {
        const shipment = event as ShipmentDispatched;
        await emit("notifications.sent", shipment.orderId, sendNotification(shipment));
      };
    default:
      // fraud-detection, analytics and legacy-reporting only read: they produce nothing.
      return async () => undefined;
  }
}

/**
 * Payments breaks its topic's contract on purpose, deterministically: every Nth payment it writes
 * (RATES.brokenPaymentEvery) carries its amount as text, so conformance has something to show.
 */
function createPaymentsHandler(emit: Emit): MessageHandler {
  let written = 0;
  return async (_topic, event) => {
    const order = event as OrderCreated;
    const payment = authorizePayment(order);
    written += 1;
    await emit("payments.authorized", order.orderId, written % RATES.brokenPaymentEvery === 0 ? withAmountAsText(payment) : payment);
  };
}

/** Which demo service writes the `sequence`-th order (1-based): every Nth comes from legacy-checkout. */
export function orderWriterFor(sequence: number): "orders" | "legacy-checkout" {
  return sequence % RATES.unattributedOrderEvery === 0 ? "legacy-checkout" : "orders";
}

function createShippingHandler(emit: Emit): MessageHandler {
  const pending = new Map<string, Set<TopicName>>();
  return async (topic, event) => {
    const orderId = (event as { orderId?: string }).orderId;
    if (!orderId) return;
    const seen = pending.get(orderId) ?? new Set<TopicName>();
    seen.add(topic);
    if (seen.has("payments.authorized") && seen.has("inventory.reserved")) {
      pending.delete(orderId);
      await emit("shipments.dispatched", orderId, dispatchShipment(orderId));
      return;
    }
    pending.set(orderId, seen);
    // Maps iterate in insertion order: drop the oldest half-seen orders first.
    while (pending.size > MAX_PENDING_SHIPMENTS) pending.delete(pending.keys().next().value!);
  };
}
