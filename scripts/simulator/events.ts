/** The JSON events the demo services exchange. Shapes are what the demo catalog's schemas describe. */
import { randomUUID } from "node:crypto";

export type OrderItem = { sku: string; quantity: number; unitPrice: number };
export type OrderCreated = {
  orderId: string; customerId: string; items: OrderItem[]; total: number; currency: string; createdAt: string;
};
export type PaymentAuthorized = {
  paymentId: string; orderId: string; amount: number; currency: string; method: string; authorizedAt: string;
};
export type InventoryReserved = {
  reservationId: string; orderId: string; warehouse: string;
  items: { sku: string; quantity: number }[]; reservedAt: string;
};
export type InventoryLowStock = { sku: string; warehouse: string; available: number; threshold: number; detectedAt: string };
export type ShipmentDispatched = {
  shipmentId: string; orderId: string; carrier: string; trackingNumber: string; dispatchedAt: string;
};
export type NotificationSent = {
  notificationId: string; orderId: string; channel: "email" | "sms" | "push"; template: string; sentAt: string;
};

const CATALOG = [
  { sku: "MUG-001", unitPrice: 12.5 }, { sku: "TEE-042", unitPrice: 24 }, { sku: "CAP-007", unitPrice: 18 },
  { sku: "BAG-310", unitPrice: 49.9 }, { sku: "PEN-100", unitPrice: 3.2 }, { sku: "BOOK-77", unitPrice: 31 },
];
const WAREHOUSES = ["ams-1", "fra-2", "mad-1"];
const CARRIERS = ["dhl", "ups", "postnl"];
const CHANNELS = ["email", "sms", "push"] as const;

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const now = () => new Date().toISOString();
const shortId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const roundCents = (amount: number) => Math.round(amount * 100) / 100;

export function createOrder(): OrderCreated {
  const count = 1 + Math.floor(Math.random() * 3);
  // Distinct products per order: shuffle a copy and take the first few.
  const products = [...CATALOG].sort(() => Math.random() - 0.5).slice(0, count);
  const items = products.map((product) => ({
    sku: product.sku, quantity: 1 + Math.floor(Math.random() * 3), unitPrice: product.unitPrice,
  }));
  const total = roundCents(items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0));
  return {
    orderId: shortId("ord"),
    customerId: `cus-${1000 + Math.floor(Math.random() * 500)}`,
    items, total, currency: "EUR", createdAt: now(),
  };
}

export function authorizePayment(order: OrderCreated): PaymentAuthorized {
  return {
    paymentId: shortId("pay"), orderId: order.orderId, amount: order.total, currency: order.currency,
    method: pick(["card", "paypal", "ideal"]), authorizedAt: now(),
  };
}

/** A payment whose amount is text ("28.20"), as after a switch to a decimal library. */
export type PaymentWithTextAmount = Omit<PaymentAuthorized, "amount"> & { amount: string };

/**
 * The demo's contract break: the same payment with its amount as text. It violates the
 * payments.authorized schema in exactly one place, the JSON pointer /amount ("must be number").
 */
export function withAmountAsText(payment: PaymentAuthorized): PaymentWithTextAmount {
  return { ...payment, amount: payment.amount.toFixed(2) };
}

export function reserveInventory(order: OrderCreated): InventoryReserved {
  return {
    reservationId: shortId("res"), orderId: order.orderId, warehouse: pick(WAREHOUSES),
    items: order.items.map(({ sku, quantity }) => ({ sku, quantity })), reservedAt: now(),
  };
}

export function detectLowStock(reservation: InventoryReserved): InventoryLowStock {
  const item = pick(reservation.items);
  return { sku: item.sku, warehouse: reservation.warehouse, available: Math.floor(Math.random() * 5), threshold: 5, detectedAt: now() };
}

export function dispatchShipment(orderId: string): ShipmentDispatched {
  const carrier = pick(CARRIERS);
  return {
    shipmentId: shortId("shp"), orderId, carrier,
    trackingNumber: `${carrier.toUpperCase()}${Math.floor(Math.random() * 1e10).toString().padStart(10, "0")}`,
    dispatchedAt: now(),
  };
}

export function sendNotification(shipment: ShipmentDispatched): NotificationSent {
  return {
    notificationId: shortId("ntf"), orderId: shipment.orderId, channel: pick(CHANNELS),
    template: "order-shipped", sentAt: now(),
  };
}
