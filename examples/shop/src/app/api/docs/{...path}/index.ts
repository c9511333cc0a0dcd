import { defineRoute } from "_/api";

const pages: Record<string, string> = {
  "": "<h1>Help center</h1>",
  shipping: "<h1>Shipping</h1><p>We ship within 2 business days.</p>",
  "returns/policy": "<h1>Returns</h1><p>30 days, no questions asked.</p>",
};

export default defineRoute<"docs/{...path}">(({ GET }) => [
  GET<{ response: [200, "html", string] | [404, "json", { error: string }] }>(async (ctx) => {
    const path = (ctx.validated.params.path ?? []).join("/");
    const html = pages[path];
    if (html === undefined) {
      return ctx.json({ error: `no help page at /${path}` }, 404);
    }
    return ctx.html(html);
  }),
]);
