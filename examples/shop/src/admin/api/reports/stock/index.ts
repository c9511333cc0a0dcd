import { defineRoute } from "_/api";

interface StockLevel {
  productId: number;
  onHand: number;
}

export default defineRoute<"reports/stock">(({ GET }) => {
  // Handlers built in a block: the generator reads only `=> [ ... ]`.
  const handlers = [
    GET<{ response: [200, "json", StockLevel[]] }>(async (ctx) => {
      return ctx.json([]);
    }),
  ];
  return handlers;
});
