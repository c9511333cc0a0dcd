import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";

// Anonymous shopping session; good enough for a demo shop.
export function sessionId(ctx: Context): string {
  const existing = getCookie(ctx, "sid");
  if (existing) {
    return existing;
  }
  const created = crypto.randomUUID();
  setCookie(ctx, "sid", created, { httpOnly: true, sameSite: "Lax", path: "/" });
  return created;
}
