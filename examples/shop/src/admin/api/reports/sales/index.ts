import { defineRoute } from "_/api";

interface SalesReport {
  from: string;
  to: string;
  orders: number;
  revenueCents: number;
}

export default defineRoute<"reports/sales">(({ GET }) => [
  GET<{
    query: { from: string; to: string };
    response: [200, "json", SalesReport];
  }>(async (ctx) => {
    const { from, to } = ctx.validated.query;
    // Reporting backend is out of scope for the example; return an empty period.
    return ctx.json({ from, to, orders: 0, revenueCents: 0 });
  }),
]);
