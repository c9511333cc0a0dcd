import { defineRoute } from "@front/{api}/users/data";
import { fetchUserData } from "@front/db";
import type { Data } from "@front/types";

export default defineRoute(({ GET }) => [
  GET<never, Data>(async (ctx) => {
    // Fetch data from database or external API
    ctx.body = await fetchUserData();
  }),
]);
