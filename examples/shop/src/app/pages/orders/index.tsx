import { A, createAsyncStore, query } from "@solidjs/router";
import { For } from "solid-js";
import fetchClients from "_/fetch";
import { formatPrice } from "~/components/ProductCard";

const { GET } = fetchClients["orders"];
const getOrders = query(() => GET(), "orders/index");

export function preload() {
  void getOrders();
}

export default function OrdersPage() {
  const orders = createAsyncStore(() => getOrders(), { initialValue: [] });

  return (
    <section class="orders">
      <h1>Orders</h1>
      <ul>
        <For each={orders()} fallback={<li>No orders yet.</li>}>
          {(order) => (
            <li>
              <A href={`/orders/${order.id}`}>#{order.id}</A> {order.status} —{" "}
              {formatPrice(order.totalCents)}
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
