import { defineRoute } from "@front/{api}/index";

interface AppInfo {
  name: string;
  version: string;
}

export default defineRoute(({ GET }) => [
  GET<never, AppInfo>(async (ctx) => {
    ctx.body = { name: "seed-app", version: "0.1.0" };
  }),
]);
