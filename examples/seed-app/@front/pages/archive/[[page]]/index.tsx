import { A, createAsync } from "@solidjs/router";
import { For, Show } from "solid-js";
import { GET as fetchArchive } from "@front/{api}/archive/[[page]]/fetch";

export default function ArchivePage() {
  const archive = createAsync(fetchArchive);

  return (
    <section class="archive">
      <h1>Archive</h1>
      <Show when={archive()}>
        {(page) => (
          <>
            <ol>
              <For each={page().posts}>
                {(post) => (
                  <li>
                    {post.title} <time>{post.publishedAt.slice(0, 10)}</time>
                  </li>
                )}
              </For>
            </ol>
            <p>
              Page {page().page} of {page().pages}
              <Show when={page().page < page().pages}>
                {" "}
                <A href={`/archive/${page().page + 1}`}>Older posts</A>
              </Show>
            </p>
          </>
        )}
      </Show>
    </section>
  );
}

export { fetchArchive as preload };
