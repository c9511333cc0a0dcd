import { defineRoute } from "_/api";
import { listOrders } from "@/src/app/db/orders";
import type { Order } from "@/src/app/api/orders/types";

export default defineRoute<"orders">(({ GET }) => [
  GET<{ query: { status?: string }; response: [200, "json", Order[]] }>(async (ctx) => {
    const orders = await listOrders("*");
    const { status } = ctx.validated.query;
    return ctx.json(status ? orders.filter((order) => order.status === status) : orders);
  }),
]);
