import { A } from "@solidjs/router";

export default function NotFoundPage() {
  return (
    <section class="not-found">
      <h1>Page not found</h1>
      <A href="/">Back to the shop</A>
    </section>
  );
}
