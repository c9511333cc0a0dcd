import { defineRoute } from "_/api";
import { listProducts, type Category, type Product } from "~/db/catalog";

export default defineRoute<"products">(({ GET }) => [
  GET<{
    query: { category?: Category; sort?: "price" | "name" };
    response: [200, "json", Product[]];
  }>(async (ctx) => {
    const { category, sort } = ctx.validated.query;
    return ctx.json(await listProducts({ category, sort }));
  }),
]);
