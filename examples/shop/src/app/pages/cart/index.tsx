import { A, createAsync, query } from "@solidjs/router";
import { For, Show, Suspense } from "solid-js";
import fetchClients from "_/fetch";
import { formatPrice } from "~/components/ProductCard";
import { checkout, removeFromCart } from "~/hooks/useCart";

const getCart = query(() => fetchClients.cart.GET(), "cart");

export default function CartPage() {
  const cart = createAsync(() => getCart());

  return (
    <section class="cart">
      <h1>Your cart</h1>
      <Suspense fallback={<p>Loading cart…</p>}>
        <Show
          when={cart()?.lines.length}
          fallback={
            <p>
              Your cart is empty. <A href="/products">Keep shopping</A>
            </p>
          }
        >
          <table>
            <tbody>
              <For each={cart()?.lines}>
                {(line) => (
                  <tr>
                    <td>{line.name}</td>
                    <td>{line.quantity}</td>
                    <td>{formatPrice(line.quantity * line.unitPriceCents)}</td>
                    <td>
                      <form action={removeFromCart.with(line.productId)} method="post">
                        <button type="submit">Remove</button>
                      </form>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          <p class="total">Total: {formatPrice(cart()?.totalCents ?? 0)}</p>
          <form action={checkout} method="post" class="checkout">
            <input name="name" placeholder="Full name" required />
            <input name="line1" placeholder="Address" required />
            <input name="city" placeholder="City" required />
            <input name="postcode" placeholder="Postcode" required />
            <input name="country" placeholder="Country" required />
            <textarea name="note" placeholder="Delivery note (optional)" />
            <button type="submit">Place order</button>
          </form>
        </Show>
      </Suspense>
    </section>
  );
}
