import { defineRoute } from "_/api";
import { listOrders } from "@/src/app/db/orders";

export type Stats = { orders: number; revenue: number };

export default defineRoute<"stats">(({ GET }) => [
  GET<{ response: [200, "json", Stats] }>(async (ctx) => {
    const orders = await listOrders("*");
    const revenue = orders.reduce((sum, order) => sum + order.totalCents, 0);
    return ctx.json({ orders: orders.length, revenue });
  }),
]);
