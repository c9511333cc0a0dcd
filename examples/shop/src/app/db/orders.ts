import type { NewOrder, Order } from "~/api/orders/types";
import { clearCart, getCart } from "./cart";

const orders: Order[] = [];

export async function listOrders(sessionId: string): Promise<Order[]> {
  return orders.filter((order) => order.sessionId === sessionId);
}

export async function findOrder(sessionId: string, id: number): Promise<Order | undefined> {
  return orders.find((order) => order.sessionId === sessionId && order.id === id);
}

export async function placeOrder(sessionId: string, input: NewOrder): Promise<Order> {
  const cart = await getCart(sessionId);
  if (cart.lines.length === 0) {
    throw new Error("cart is empty");
  }
  const order: Order = {
    id: orders.length + 1001,
    sessionId,
    status: "placed",
    lines: cart.lines,
    totalCents: cart.totalCents,
    shipping: input.shipping,
    placedAt: new Date().toISOString(),
  };
  orders.push(order);
  await clearCart(sessionId);
  return order;
}

export async function cancelOrder(sessionId: string, id: number): Promise<Order | undefined> {
  const order = await findOrder(sessionId, id);
  if (order && order.status === "placed") {
    order.status = "cancelled";
  }
  return order;
}
