import { createAsync, query } from "@solidjs/router";
import { For, Suspense } from "solid-js";
import fetchClients from "_/fetch";

const getPosts = query(() => fetchClients.posts.GET(), "blog/posts");

export const preload = () => {
  void getPosts();
};

export default function BlogPage() {
  const posts = createAsync(() => getPosts());

  return (
    <section class="blog">
      <h1>From the workshop</h1>
      <Suspense fallback={<p>Loading…</p>}>
        <For each={posts()}>
          {(post) => (
            <article>
              <h2>{post.title}</h2>
              <p>{post.excerpt}</p>
            </article>
          )}
        </For>
      </Suspense>
    </section>
  );
}
