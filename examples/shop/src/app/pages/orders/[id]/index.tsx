import { createAsync, query, useParams, type RoutePreloadFuncArgs } from "@solidjs/router";
import { For, Show } from "solid-js";
import type { Order } from "~/api/orders/types";
import { formatPrice } from "~/components/ProductCard";

const getOrder = query(async (id: string): Promise<Order> => {
  const response = await fetch(`/api/orders/${id}`);
  if (!response.ok) {
    throw new Error(`failed to load order ${id}: ${response.status}`);
  }
  return response.json();
}, "orders/[id]");

export const preload = ({ params }: RoutePreloadFuncArgs) => void getOrder(params.id);

export default function OrderPage() {
  const params = useParams();
  const order = createAsync(() => getOrder(params.id));

  return (
    <Show when={order()}>
      {(o) => (
        <article class="order">
          <h1>Order #{o().id}</h1>
          <p>
            Status: <strong>{o().status}</strong>, placed{" "}
            {new Date(o().placedAt).toLocaleDateString()}
          </p>
          <ul>
            <For each={o().lines}>
              {(line) => (
                <li>
                  {line.quantity} × {line.name} ({formatPrice(line.unitPriceCents)})
                </li>
              )}
            </For>
          </ul>
          <p class="total">Total: {formatPrice(o().totalCents)}</p>
          <address>
            {o().shipping.name}, {o().shipping.line1}, {o().shipping.postcode}{" "}
            {o().shipping.city}, {o().shipping.country}
          </address>
        </article>
      )}
    </Show>
  );
}
