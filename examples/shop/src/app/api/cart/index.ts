import { defineRoute } from "_/api";
import { addLine, getCart, removeLine, type Cart } from "~/db/cart";
import { sessionId } from "~/db/session";

export default defineRoute<"cart">(({ GET, POST, DELETE }) => [
  GET<{ response: [200, "json", Cart] }>(async (ctx) => {
    return ctx.json(await getCart(sessionId(ctx)));
  }),

  POST<{
    json: { productId: number; quantity: number };
    response: [200, "json", Cart];
  }>(async (ctx) => {
    const { productId, quantity } = ctx.validated.json;
    return ctx.json(await addLine(sessionId(ctx), productId, quantity));
  }),

  DELETE<{ query: { productId: number }; response: [204] }>(async (ctx) => {
    await removeLine(sessionId(ctx), ctx.validated.query.productId);
    return ctx.body(null, 204);
  }),
]);
