import { HTTPException } from "hono/http-exception";
import { defineRoute } from "_/api";
import { cancelOrder, findOrder } from "@/src/app/db/orders";
import type { Order } from "@/src/app/api/orders/types";

export default defineRoute<"orders/[id]", [number]>(({ GET, DELETE }) => [
  GET<{ response: [200, "json", Order] }>(async (ctx) => {
    const order = await findOrder("*", ctx.validated.params.id);
    if (!order) {
      throw new HTTPException(404, { message: "order not found" });
    }
    return ctx.json(order);
  }),

  DELETE<{ response: [200, "json", Order] | [404, "json", { error: string }] }>(async (ctx) => {
    const order = await cancelOrder("*", ctx.validated.params.id);
    return order ? ctx.json(order) : ctx.json({ error: "order not found" }, 404);
  }),
]);
