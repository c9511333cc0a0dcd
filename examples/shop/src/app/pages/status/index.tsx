import { createAsync, query } from "@solidjs/router";
import { Show } from "solid-js";
import fetchClients from "_/fetch";

const { GET: fetchHealth } = fetchClients["health"];
const getCart = query(() => fetchClients.cart.GET(), "status#cart");

export const preload = () => {
  void fetchHealth();
  void getCart();
};

export default function StatusPage() {
  const health = createAsync(() => fetchHealth());
  const cart = createAsync(getCart);

  return (
    <section class="status">
      <h1>Shop status</h1>
      <Show when={health()} fallback={<p>Checking…</p>}>
        <p>The shop is up.</p>
      </Show>
      <Show when={cart()}>
        <p>Your cart is saved.</p>
      </Show>
    </section>
  );
}
