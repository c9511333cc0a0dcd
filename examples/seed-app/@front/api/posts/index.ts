import { defineRoute } from "@front/{api}/posts";
import { createPost, listPosts } from "@front/db";
import type { NewPost, Post } from "@front/types";

export default defineRoute(({ GET, POST }) => [
  GET<never, Post[]>(async (ctx) => {
    ctx.body = await listPosts();
  }),

  POST<NewPost, Post>(async (ctx) => {
    ctx.status = 201;
    ctx.body = await createPost(ctx.payload);
  }),
]);
