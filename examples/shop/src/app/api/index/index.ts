import { defineRoute } from "_/api";
import { featuredProducts, type Product } from "~/db/catalog";

interface Home {
  featured: Product[];
  banner: string | null;
}

export default defineRoute<"index">(({ GET }) => [
  GET<{ response: [200, "json", Home] }>(async (ctx) => {
    const featured = await featuredProducts(4);
    return ctx.json({ featured, banner: "Free shipping on orders over $50" });
  }),
]);
