import { defineRoute } from "_/api";

type Post = { slug: string; title: string; excerpt: string };

const posts: Post[] = [
  { slug: "linen-care", title: "Caring for linen", excerpt: "Wash cool, dry flat, iron damp." },
  { slug: "glaze-notes", title: "Notes on our glazes", excerpt: "Why no two mugs match." },
];

export default defineRoute<"posts">(({ GET }) => [
  GET<{ response: [200, "json", Post[]] }>(async (ctx) => {
    return ctx.json(posts);
  }),
]);
