import { use } from "_/api";

// Cascades to products, products/[id] and products/[id]/reviews.
export default [
  use(async (ctx, next) => {
    await next();
    if (ctx.req.method === "GET" && ctx.res.ok) {
      ctx.header("cache-control", "public, max-age=60, stale-while-revalidate=300");
    }
  }),
];
