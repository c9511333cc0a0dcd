import { A, createAsync, query } from "@solidjs/router";
import { For, Show, Suspense } from "solid-js";
import fetchClients from "_/fetch";
import { ProductCard } from "~/components/ProductCard";

const getHome = query(() => fetchClients.index.GET(), "home");

export const preload = () => {
  void getHome();
};

export default function HomePage() {
  const home = createAsync(() => getHome());

  return (
    <section class="home">
      <Suspense fallback={<p>Loading…</p>}>
        <Show when={home()?.banner}>{(banner) => <p class="banner">{banner()}</p>}</Show>
        <h1>Featured</h1>
        <div class="grid">
          <For each={home()?.featured}>{(product) => <ProductCard product={product} />}</For>
        </div>
      </Suspense>
      <A href="/products">Browse all products</A>
    </section>
  );
}
