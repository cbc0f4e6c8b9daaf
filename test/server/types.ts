/**
 * Domain and wire types of the reference Shop API server (openapi/v1/openapi.yaml). Plain data
 * only; behaviour lives in the module named after each concept.
 */

export type Role = 'customer' | 'admin';
export type OrderStatus = 'pending' | 'paid' | 'shipped' | 'delivered' | 'cancelled';

export const ORDER_STATUSES: readonly OrderStatus[] = ['pending', 'paid', 'shipped', 'delivered', 'cancelled'];

export interface User {
  id: string;
  email: string;
  name: string;
  avatarUrl: string | null;
  role: Role;
  createdAt: string;
}

export interface Money {
  amount: string;
  currency: string;
}

export interface Address {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  country: string;
  phone?: string;
}

export interface Category {
  id: string;
  slug: string;
  name: string;
  parent: Category | null;
}

export interface OrderItem {
  sku: string;
  name: string;
  quantity: number;
  unitPrice: Money;
  category: Category;
}

export type PaymentMethod =
  | { type: 'card'; brand: 'visa' | 'mastercard' | 'amex'; last4: string; expMonth?: number; expYear?: number }
  | { type: 'wallet'; provider: 'apple_pay' | 'google_pay' | 'paypal'; email?: string };

export interface Order {
  id: string;
  userId: string;
  status: OrderStatus;
  items: OrderItem[];
  total: Money;
  note: string | null;
  shippingAddress: Address;
  paymentMethod: PaymentMethod | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  tokenType: 'Bearer';
}

/** One entry of the change log behind /sync and /events. `seq` is global and monotonic. */
export interface Change {
  seq: number;
  type: 'order.created' | 'order.updated' | 'order.deleted';
  orderId: string;
  ownerId: string;
  at: string;
  /** Snapshot of the order after the change; absent for deletes. */
  order?: Order;
}

/** One logged (non-control) request, in arrival order. Header names are lower-case. */
export interface RequestLogEntry {
  method: string;
  /** Path without the query string, e.g. `/orders`. */
  path: string;
  /** Path with the query string, e.g. `/orders?limit=5`. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The X-Request-Id the server answered with. */
  requestId: string;
  /** Server clock (options.now) at arrival, epoch ms. */
  at: number;
}
