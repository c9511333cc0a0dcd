import { createAsync, query } from "@solidjs/router";
import { For, Show } from "solid-js";
import fetchClients from "_/fetch";
import { ProductCard } from "~/components/ProductCard";

const getProducts = query(() => fetchClients["products"].GET(), "products/index");

// Added later for the listing grid; same endpoint, different cache key.
const listProducts = query(() => fetchClients["products"].GET(), "products/listing");

export const preload = () => {
  void getProducts();
};

export default function ProductsPage() {
  const products = createAsync(() => listProducts());

  return (
    <section class="products">
      <h1>Products</h1>
      <Show when={products()?.length} fallback={<p>Nothing here yet.</p>}>
        <div class="grid">
          <For each={products()}>{(product) => <ProductCard product={product} />}</For>
        </div>
      </Show>
    </section>
  );
}
