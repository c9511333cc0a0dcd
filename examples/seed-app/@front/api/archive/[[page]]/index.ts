import { defineRoute } from "@front/{api}/archive/[[page]]";
import { listPosts } from "@front/db";
import type { PostsPage } from "@front/types";

const PER_PAGE = 10;

export default defineRoute<[number]>(({ GET }) => [
  GET<{ perPage?: number }, PostsPage>(async (ctx) => {
    const page = ctx.params.page ?? 1;
    const perPage = ctx.payload.perPage ?? PER_PAGE;
    const all = await listPosts();
    ctx.body = {
      page,
      pages: Math.max(1, Math.ceil(all.length / perPage)),
      posts: all.slice((page - 1) * perPage, page * perPage),
    };
  }),
]);
