import { findProduct } from "./catalog";

export interface CartLine {
  productId: number;
  name: string;
  quantity: number;
  unitPriceCents: number;
}

export interface Cart {
  lines: CartLine[];
  totalCents: number;
}

const carts = new Map<string, CartLine[]>();

const summarize = (lines: CartLine[]): Cart => ({
  lines,
  totalCents: lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0),
});

export async function getCart(sessionId: string): Promise<Cart> {
  return summarize(carts.get(sessionId) ?? []);
}

export async function addLine(
  sessionId: string,
  productId: number,
  quantity: number,
): Promise<Cart> {
  const product = await findProduct(productId);
  if (!product) {
    throw new Error(`unknown product ${productId}`);
  }
  const lines = carts.get(sessionId) ?? [];
  const existing = lines.find((line) => line.productId === productId);
  if (existing) {
    existing.quantity += quantity;
  } else {
    lines.push({ productId, name: product.name, quantity, unitPriceCents: product.priceCents });
  }
  carts.set(sessionId, lines);
  return summarize(lines);
}

export async function removeLine(sessionId: string, productId: number): Promise<void> {
  const lines = carts.get(sessionId) ?? [];
  carts.set(
    sessionId,
    lines.filter((line) => line.productId !== productId),
  );
}

export async function clearCart(sessionId: string): Promise<void> {
  carts.delete(sessionId);
}
