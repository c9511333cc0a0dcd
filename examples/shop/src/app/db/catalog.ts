export type Category = "apparel" | "home" | "books";

export interface Product {
  id: number;
  slug: string;
  name: string;
  category: Category;
  priceCents: number;
  stock: number;
  imageUrl: string;
  watching: boolean;
}

export interface Review {
  id: number;
  productId: number;
  author: string;
  rating: 1 | 2 | 3 | 4 | 5;
  body: string;
  createdAt: string;
}

export interface NewReview {
  rating: 1 | 2 | 3 | 4 | 5;
  body: string;
}

const products: Product[] = [
  {
    id: 1,
    slug: "linen-shirt",
    name: "Linen Shirt",
    category: "apparel",
    priceCents: 4900,
    stock: 12,
    imageUrl: "/img/linen-shirt.jpg",
    watching: false,
  },
  {
    id: 2,
    slug: "ceramic-mug",
    name: "Ceramic Mug",
    category: "home",
    priceCents: 1800,
    stock: 40,
    imageUrl: "/img/ceramic-mug.jpg",
    watching: false,
  },
  {
    id: 3,
    slug: "field-guide",
    name: "Field Guide to Mushrooms",
    category: "books",
    priceCents: 2600,
    stock: 0,
    imageUrl: "/img/field-guide.jpg",
    watching: true,
  },
];

const reviews: Review[] = [
  {
    id: 1,
    productId: 1,
    author: "maria",
    rating: 5,
    body: "Breathes well, runs a little large.",
    createdAt: "2026-05-02T10:12:00.000Z",
  },
];

export async function listProducts(filter: {
  category?: Category;
  sort?: "price" | "name";
}): Promise<Product[]> {
  const rows = products.filter((p) => !filter.category || p.category === filter.category);
  if (filter.sort === "price") {
    return rows.toSorted((a, b) => a.priceCents - b.priceCents);
  }
  return rows.toSorted((a, b) => a.name.localeCompare(b.name));
}

export async function featuredProducts(limit: number): Promise<Product[]> {
  return products.filter((p) => p.stock > 0).slice(0, limit);
}

export async function findProduct(id: number): Promise<Product | undefined> {
  return products.find((p) => p.id === id);
}

export async function setWatching(id: number, watching: boolean): Promise<Product | undefined> {
  const product = products.find((p) => p.id === id);
  if (product) {
    product.watching = watching;
  }
  return product;
}

export async function saveProduct(product: Product): Promise<Product> {
  const index = products.findIndex((p) => p.id === product.id);
  if (index === -1) {
    products.push(product);
  } else {
    products[index] = product;
  }
  return product;
}

export async function deleteProduct(id: number): Promise<boolean> {
  const index = products.findIndex((p) => p.id === id);
  if (index === -1) {
    return false;
  }
  products.splice(index, 1);
  return true;
}

export async function listReviews(productId: number): Promise<Review[]> {
  return reviews.filter((r) => r.productId === productId);
}

export async function addReview(
  productId: number,
  author: string,
  input: NewReview,
): Promise<Review> {
  const review: Review = {
    id: reviews.length + 1,
    productId,
    author,
    ...input,
    createdAt: new Date().toISOString(),
  };
  reviews.push(review);
  return review;
}

export async function searchProducts(term: string | undefined, limit: number): Promise<Product[]> {
  const needle = term?.trim().toLowerCase() ?? "";
  return products.filter((p) => p.name.toLowerCase().includes(needle)).slice(0, limit);
}
