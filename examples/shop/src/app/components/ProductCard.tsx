import { A } from "@solidjs/router";
import { Show } from "solid-js";
import type { ResponseT } from "_/fetch";
import { useCart } from "~/hooks/useCart";

type Product = ResponseT["products"]["GET"][number];

export const formatPrice = (cents: number) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);

export function ProductCard(props: { product: Product }) {
  const cart = useCart();

  return (
    <article class="product-card">
      <A href={`/products/${props.product.id}`}>
        <img src={props.product.imageUrl} alt={props.product.name} loading="lazy" />
        <h3>{props.product.name}</h3>
      </A>
      <p class="price">{formatPrice(props.product.priceCents)}</p>
      <Show when={props.product.stock > 0} fallback={<p class="sold-out">Sold out</p>}>
        <button type="button" onClick={() => cart.add(props.product.id)}>
          Add to cart
        </button>
      </Show>
    </article>
  );
}
