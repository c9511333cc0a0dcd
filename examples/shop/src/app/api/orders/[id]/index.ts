import { defineRoute } from "_/api";
import { cancelOrder, findOrder } from "~/db/orders";
import { sessionId } from "~/db/session";
import type { Order } from "../types";

export default defineRoute<"orders/[id]", [number]>(({ GET, DELETE }) => [
  GET<{ response: [200, "json", Order] | [404, "json", { error: string }] }>(async (ctx) => {
    const order = await findOrder(sessionId(ctx), ctx.validated.params.id);
    if (!order) {
      return ctx.json({ error: "order not found" }, 404);
    }
    return ctx.json(order);
  }),

  // Cancelling is only possible before the order ships.
  DELETE<{ response: [204] | [409, "json", { error: string }] }>(async (ctx) => {
    const order = await cancelOrder(sessionId(ctx), ctx.validated.params.id);
    if (order?.status !== "cancelled") {
      return ctx.json({ error: "order can no longer be cancelled" }, 409);
    }
    return ctx.body(null, 204);
  }),
]);
