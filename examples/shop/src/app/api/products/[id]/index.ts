import { HTTPException } from "hono/http-exception";
import { defineRoute } from "_/api";
import { findProduct, setWatching, type Product } from "~/db/catalog";

export default defineRoute<"products/[id]", [number]>(({ GET, PATCH, use }) => [
  use(async (ctx, next) => {
    ctx.header("vary", "accept-language");
    return next();
  }),

  GET<{ response: [200, "json", Product] }>(async (ctx) => {
    const product = await findProduct(ctx.validated.params.id);
    if (!product) {
      throw new HTTPException(404, { message: "product not found" });
    }
    return ctx.json(product);
  }),

  // Toggle the "notify me on price drop" flag.
  PATCH<{ json: { watching: boolean }; response: [200, "json", Product] }>(async (ctx) => {
    const product = await setWatching(ctx.validated.params.id, ctx.validated.json.watching);
    if (!product) {
      throw new HTTPException(404, { message: "product not found" });
    }
    return ctx.json(product);
  }),
]);
