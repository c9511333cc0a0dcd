import type { CartLine } from "~/db/cart";

export type OrderStatus = "placed" | "shipped" | "delivered" | "cancelled";

export interface ShippingAddress {
  name: string;
  line1: string;
  city: string;
  postcode: string;
  country: string;
}

export interface Order {
  id: number;
  sessionId: string;
  status: OrderStatus;
  lines: CartLine[];
  totalCents: number;
  shipping: ShippingAddress;
  placedAt: string;
}

export interface NewOrder {
  shipping: ShippingAddress;
  note?: string;
}
