import { action, reload } from "@solidjs/router";
import fetchClients from "_/fetch";

type Rating = 1 | 2 | 3 | 4 | 5;

const toRating = (value: FormDataEntryValue | null): Rating => {
  const n = Math.round(Number(value));
  return (n >= 1 && n <= 5 ? n : 5) as Rating;
};

export const submitReview = action(async (productId: string, form: FormData) => {
  const rating = toRating(form.get("rating"));
  const body = String(form.get("body") ?? "").trim();
  await fetchClients["product/[id]/reviews"].POST([productId], { json: { rating, body } });
  throw reload({ revalidate: "product-reviews" });
}, "review-submit");
