import { use } from "_/api";

// Global middleware for every endpoint of this folder. Not a route:
// routes always live in a subfolder of api/.
export default [
  use(async (ctx, next) => {
    const started = performance.now();
    await next();
    ctx.header("server-timing", `app;dur=${(performance.now() - started).toFixed(1)}`);
  }),
];
