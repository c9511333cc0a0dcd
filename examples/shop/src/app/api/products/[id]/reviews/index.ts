import { defineRoute } from "_/api";
import { addReview, listReviews, type NewReview, type Review } from "~/db/catalog";

export default defineRoute<"products/[id]/reviews", [number]>(({ GET, POST }) => [
  GET<{ response: [200, "json", Review[]] }>(async (ctx) => {
    return ctx.json(await listReviews(ctx.validated.params.id));
  }),

  POST<{ json: NewReview; response: [201, "json", Review] }>(async (ctx) => {
    const review = await addReview(ctx.validated.params.id, "guest", ctx.validated.json);
    return ctx.json(review, 201);
  }),
]);
