import { action, redirect, reload, useAction } from "@solidjs/router";
import fetchClients from "_/fetch";

// Query name used by the cart page; actions below revalidate it.
const CART_KEY = "cart";

export const addToCart = action(async (productId: number, quantity = 1) => {
  await fetchClients["cart"].POST([], { json: { productId, quantity } });
  throw reload({ revalidate: CART_KEY });
}, "cart-add");

export const removeFromCart = action(async (productId: number) => {
  await fetchClients["cart"].DELETE([], { query: { productId } });
  throw reload({ revalidate: CART_KEY });
}, "cart-remove");

export const checkout = action(async (form: FormData) => {
  const field = (name: string) => String(form.get(name) ?? "").trim();
  // The orders POST handler declares no response type, so the client returns unknown.
  const order = (await fetchClients["orders"].POST([], {
    json: {
      shipping: {
        name: field("name"),
        line1: field("line1"),
        city: field("city"),
        postcode: field("postcode"),
        country: field("country"),
      },
      note: field("note") || undefined,
    },
  })) as { id: number };
  throw redirect(`/orders/${order.id}`, { revalidate: [CART_KEY, "orders/index"] });
}, "cart-checkout");

export function useCart() {
  return {
    add: useAction(addToCart),
    remove: useAction(removeFromCart),
  };
}
