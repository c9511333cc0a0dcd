import { A } from "@solidjs/router";
import type { ParentProps } from "solid-js";
import { HealthBadge } from "~/components/HealthBadge";

export default function App(props: ParentProps) {
  return (
    <div class="shop">
      <header class="shop-header">
        <A href="/" class="logo">
          Shop
        </A>
        <nav>
          <A href="/products">Products</A>
          <A href="/orders">Orders</A>
          <A href="/cart">Cart</A>
          <A href="/about">About</A>
        </nav>
      </header>
      <main>{props.children}</main>
      <footer class="shop-footer">
        <HealthBadge />
      </footer>
    </div>
  );
}
