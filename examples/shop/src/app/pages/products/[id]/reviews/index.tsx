import { createAsync, query } from "@solidjs/router";
import { For } from "solid-js";
import fetchClients from "_/fetch";

// Left over from a demo: every product's reviews page loads product 42's reviews.
const getReviews = query(
  () => fetchClients["products/[id]/reviews"].GET(["42"]),
  "products/[id]/reviews",
);

export const preload = () => {
  void getReviews();
};

export default function ReviewsPage() {
  const reviews = createAsync(() => getReviews());

  return (
    <ul>
      <For each={reviews()}>{(review) => <li>{review.body}</li>}</For>
    </ul>
  );
}
