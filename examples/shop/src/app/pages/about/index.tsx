import { A } from "@solidjs/router";

export default function AboutPage() {
  return (
    <section class="about">
      <h1>About us</h1>
      <p>
        We are a tiny shop selling things we use ourselves: linen shirts, stoneware mugs and field
        guides for the curious.
      </p>
      <p>
        Questions about shipping or returns? See the <a href="/api/docs/shipping">help center</a> or
        browse our <A href="/products">products</A>.
      </p>
    </section>
  );
}
