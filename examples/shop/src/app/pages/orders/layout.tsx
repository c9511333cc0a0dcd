import { A } from "@solidjs/router";
import { ErrorBoundary, Suspense, type ParentProps } from "solid-js";

export default function OrdersLayout(props: ParentProps) {
  return (
    <div class="orders-layout">
      <nav class="breadcrumbs">
        <A href="/orders" end>
          Order history
        </A>
      </nav>
      <ErrorBoundary fallback={(err) => <p class="error">Could not load orders: {String(err)}</p>}>
        <Suspense fallback={<p>Loading orders…</p>}>{props.children}</Suspense>
      </ErrorBoundary>
    </div>
  );
}
