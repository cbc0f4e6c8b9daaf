/**
 * The product catalogue: SKUs the server accepts in createOrder, their prices and categories.
 * Prices come from here, never from the client. Amounts are kept in cents to stay exact.
 */
import type { Category, Money } from './types.js';

const apparel: Category = { id: 'cat-apparel', slug: 'apparel', name: 'Apparel', parent: null };
const tops: Category = { id: 'cat-tops', slug: 'tops', name: 'Tops', parent: apparel };
const tshirts: Category = { id: 'cat-tshirts', slug: 't-shirts', name: 'T-shirts', parent: tops };
const footwear: Category = { id: 'cat-footwear', slug: 'footwear', name: 'Footwear', parent: apparel };
const accessories: Category = { id: 'cat-accessories', slug: 'accessories', name: 'Accessories', parent: null };
const home: Category = { id: 'cat-home', slug: 'home', name: 'Home', parent: null };
const kitchen: Category = { id: 'cat-kitchen', slug: 'kitchen', name: 'Kitchen', parent: home };

export interface Product {
  sku: string;
  name: string;
  priceCents: number;
  currency: string;
  category: Category;
}

export const CATALOG: readonly Product[] = [
  { sku: 'TSHIRT-BLK-M', name: 'T-shirt, black, M', priceCents: 1999, currency: 'EUR', category: tshirts },
  { sku: 'TSHIRT-WHT-L', name: 'T-shirt, white, L', priceCents: 1999, currency: 'EUR', category: tshirts },
  { sku: 'MUG-LOGO', name: 'Logo mug', priceCents: 950, currency: 'EUR', category: kitchen },
  { sku: 'SNEAKER-RUN-42', name: 'Running sneaker, 42', priceCents: 8900, currency: 'EUR', category: footwear },
  { sku: 'SOCKS-3PK', name: 'Socks, 3-pack', priceCents: 1200, currency: 'EUR', category: apparel },
  { sku: 'CAP-RED', name: 'Cap, red', priceCents: 1500, currency: 'EUR', category: accessories },
];

const bySku = new Map(CATALOG.map((p) => [p.sku, p]));

export function findProduct(sku: string): Product | undefined {
  return bySku.get(sku);
}

export function money(cents: number, currency: string): Money {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return { amount: `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`, currency };
}
