import { use } from "_/api";

const STAFF_TOKEN = process.env.ADMIN_TOKEN ?? "";

// Every admin endpoint requires a staff bearer token.
export default [
  use(async (ctx, next) => {
    const header = ctx.req.header("authorization") ?? "";
    if (!STAFF_TOKEN || header !== `Bearer ${STAFF_TOKEN}`) {
      return ctx.json({ error: "unauthorized" }, 401);
    }
    return next();
  }),
];
