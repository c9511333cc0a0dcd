import { defineRoute } from "@front/{api}/users/[id]";
import { findUser, updateUser } from "@front/db";
import type { NewUser, User } from "@front/types";

export default defineRoute<[number]>(({ GET, PUT }) => [
  GET<never, User>(async (ctx) => {
    const user = await findUser(ctx.params.id);
    if (!user) {
      return ctx.throw(404, "user not found");
    }
    ctx.body = user;
  }),

  PUT<Partial<NewUser>, User>(async (ctx) => {
    const user = await updateUser(ctx.params.id, ctx.payload);
    if (!user) {
      return ctx.throw(404, "user not found");
    }
    ctx.body = user;
  }),
]);
