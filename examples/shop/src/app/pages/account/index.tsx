import { A, cache, createAsync } from "@solidjs/router";
import { For, Show } from "solid-js";
import fetchClients from "_/fetch";
import { formatPrice } from "~/components/ProductCard";

// `cache` is the old name of Solid Router's `query`.
const getOrders = cache(() => fetchClients["orders"].GET(), "account/orders");
const getCart = cache(() => fetchClients.cart.GET(), "account/cart");

// The second request waits for the first, although neither needs the other.
export const preload = async () => {
  await getOrders();
  await getCart();
};

export default function AccountPage() {
  const orders = createAsync(() => getOrders());
  const cart = createAsync(() => getCart());

  return (
    <section class="account">
      <h1>Your account</h1>
      <Show when={cart()}>{(c) => <p>{c().lines.length} lines in your cart</p>}</Show>
      <ul>
        <For each={orders()}>
          {(order) => (
            <li>
              <A href={`/orders/${order.id}`}>#{order.id}</A> {formatPrice(order.totalCents)}
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
