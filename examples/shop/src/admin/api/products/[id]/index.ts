import { HTTPException } from "hono/http-exception";
import { defineRoute } from "_/api";
import { deleteProduct, findProduct, saveProduct, type Product } from "@/src/app/db/catalog";

// Same route name as src/app/api/products/[id], but a different method set:
// GET, PUT and DELETE here; GET and PATCH in the app folder.
export default defineRoute<"products/[id]", [number]>(({ GET, PUT, DELETE }) => [
  GET<{ response: [200, "json", Product] }>(async (ctx) => {
    const product = await findProduct(ctx.validated.params.id);
    if (!product) {
      throw new HTTPException(404, { message: "product not found" });
    }
    return ctx.json(product);
  }),

  PUT<{ json: Omit<Product, "id">; response: [200, "json", Product] }>(async (ctx) => {
    const product = await saveProduct({ ...ctx.validated.json, id: ctx.validated.params.id });
    return ctx.json(product);
  }),

  DELETE<{ response: [204] | [404, "json", { error: string }] }>(async (ctx) => {
    if (!(await deleteProduct(ctx.validated.params.id))) {
      return ctx.json({ error: "product not found" }, 404);
    }
    return ctx.body(null, 204);
  }),
]);
