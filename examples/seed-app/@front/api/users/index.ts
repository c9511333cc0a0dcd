import { defineRoute } from "@front/{api}/users";
import { createUser, listUsers } from "@front/db";
import type { NewUser, User } from "@front/types";

export default defineRoute(({ GET, POST }) => [
  GET<never, User[]>(async (ctx) => {
    ctx.body = await listUsers();
  }),

  POST<NewUser>(async (ctx) => {
    ctx.status = 201;
    ctx.body = await createUser(ctx.payload);
  }),
]);
