import { createAsync } from "@solidjs/router";
import { For, Show } from "solid-js";
import { GET as fetchPosts } from "@front/{api}/posts/fetch";
import { GET as fetchArchive } from "@front/{api}/archive/[[page]]/fetch";
import { PostActions } from "@front/components/PostActions";

export const preload = fetchPosts;

export default function PostsPage() {
  const archive = createAsync(fetchArchive);

  return (
    <section class="posts">
      <h1>Latest posts</h1>
      <Show when={archive()}>
        <For each={archive()?.posts}>
          {(post) => (
            <article>
              <h2>{post.title}</h2>
              <p>{post.body}</p>
              <PostActions postId={post.id} />
            </article>
          )}
        </For>
      </Show>
    </section>
  );
}
