import { defineRoute } from "_/api";

const startedAt = Date.now();

export default defineRoute<"health">(({ GET }) => [
  GET(async (ctx) => {
    return ctx.json({ status: "ok", uptime: Math.round((Date.now() - startedAt) / 1000) });
  }),
]);
