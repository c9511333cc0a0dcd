import {
  action,
  createAsync,
  query,
  reload,
  useParams,
  type RoutePreloadFuncArgs,
} from "@solidjs/router";
import { For, Show, Suspense } from "solid-js";
import fetchClients, { type ResponseT } from "_/fetch";
import { formatPrice } from "~/components/ProductCard";
import { useCart } from "~/hooks/useCart";
import { submitReview } from "~/hooks/useReviews";

type Product = ResponseT["products/[id]"]["GET"];

const product = fetchClients["products/[id]"];

const getProduct = query((id: string) => product.GET([id]), "products/[id]");
const getReviews = query(
  (id: string) => fetchClients["products/[id]/reviews"].GET([id]),
  "product-reviews",
);

export const preload = ({ params }: RoutePreloadFuncArgs) => {
  void getProduct(params.id);
  void getReviews(params.id);
};

const toggleWatch = action(async (id: string, watching: boolean) => {
  await product.PATCH([id], { json: { watching } });
  throw reload({ revalidate: getProduct.keyFor(id) });
}, "product-watch");

function WatchButton(props: { item: Product }) {
  return (
    <form action={toggleWatch.with(String(props.item.id), !props.item.watching)} method="post">
      <button type="submit">
        {props.item.watching ? "Stop watching" : "Notify me on price drop"}
      </button>
    </form>
  );
}

export default function ProductPage() {
  const params = useParams();
  const item = createAsync(() => getProduct(params.id));
  const reviews = createAsync(() => getReviews(params.id));
  const cart = useCart();

  return (
    <Suspense fallback={<p>Loading product…</p>}>
      <Show when={item()}>
        {(p) => (
          <article class="product">
            <img src={p().imageUrl} alt={p().name} />
            <h1>{p().name}</h1>
            <p class="price">{formatPrice(p().priceCents)}</p>
            <button type="button" disabled={p().stock === 0} onClick={() => cart.add(p().id)}>
              Add to cart
            </button>
            <WatchButton item={p()} />
          </article>
        )}
      </Show>
      <section class="reviews">
        <h2>Reviews</h2>
        <For each={reviews()} fallback={<p>No reviews yet.</p>}>
          {(review) => (
            <blockquote>
              <strong>{"★".repeat(review.rating)}</strong> {review.body}
              <cite>{review.author}</cite>
            </blockquote>
          )}
        </For>
        <form action={submitReview.with(params.id)} method="post">
          <select name="rating">
            <For each={[5, 4, 3, 2, 1]}>{(n) => <option value={n}>{n} stars</option>}</For>
          </select>
          <textarea name="body" required />
          <button type="submit">Post review</button>
        </form>
      </section>
    </Suspense>
  );
}
