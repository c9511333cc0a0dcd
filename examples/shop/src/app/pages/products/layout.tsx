import { A } from "@solidjs/router";
import { Suspense, type ParentProps } from "solid-js";

export default function ProductsLayout(props: ParentProps) {
  return (
    <div class="products-layout">
      <aside>
        <A href="/products" end>
          All
        </A>
        <A href="/products?category=apparel">Apparel</A>
        <A href="/products?category=home">Home</A>
        <A href="/products?category=books">Books</A>
      </aside>
      <Suspense fallback={<p>Loading products…</p>}>{props.children}</Suspense>
    </div>
  );
}
