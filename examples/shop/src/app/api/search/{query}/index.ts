import { defineRoute } from "_/api";
import { searchProducts, type Product } from "~/db/catalog";

interface SearchResult {
  query: string | null;
  hits: Product[];
}

export default defineRoute<"search/{query}">(({ GET }) => [
  GET<{ query: { limit?: number }; response: [200, "json", SearchResult] }>(async (ctx) => {
    const term = ctx.validated.params.query;
    const hits = await searchProducts(term, ctx.validated.query.limit ?? 20);
    return ctx.json({ query: term ?? null, hits });
  }),
]);
