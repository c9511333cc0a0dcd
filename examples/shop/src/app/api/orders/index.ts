import { defineRoute } from "_/api";
import { listOrders, placeOrder } from "~/db/orders";
import { sessionId } from "~/db/session";
import type { NewOrder, Order } from "./types";

export default defineRoute<"orders">(({ GET, POST }) => [
  GET<{ response: [200, "json", Order[]] }>(async (ctx) => {
    return ctx.json(await listOrders(sessionId(ctx)));
  }),

  POST<{ json: NewOrder }>(async (ctx) => {
    const order = await placeOrder(sessionId(ctx), ctx.validated.json);
    return ctx.json(order, 201);
  }),
]);
