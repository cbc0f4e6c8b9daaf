/**
 * The in-memory data: users, orders and the change log behind /sync and /events. Every order
 * mutation appends a Change with a global, monotonic `seq` and tells the listeners (SSE).
 */
import { randomUUID } from 'node:crypto';
import { CATALOG, findProduct, money } from './catalog.js';
import type { Address, Change, Order, OrderStatus, PaymentMethod, User } from './types.js';
import { ORDER_STATUSES } from './types.js';

export const SEED_PASSWORD = 'password123';

export const SEED_USERS: readonly User[] = [
  { id: 'a11ce000-0000-4000-8000-000000000001', email: 'alice@example.com', name: 'Alice Example', avatarUrl: 'https://cdn.shop.example.com/avatars/alice.png', role: 'customer', createdAt: '2024-01-15T09:30:00.000Z' },
  { id: 'b0b00000-0000-4000-8000-000000000002', email: 'bob@example.com', name: 'Bob Admin', avatarUrl: null, role: 'admin', createdAt: '2023-11-02T14:00:00.000Z' },
  { id: 'ca401000-0000-4000-8000-000000000003', email: 'carol@example.com', name: 'Carol Example', avatarUrl: null, role: 'customer', createdAt: '2024-06-01T08:00:00.000Z' },
];

export const SEED_ADDRESS: Address = { name: 'Alice Example', line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' };

export interface OrderInput {
  items: Array<{ sku: string; quantity: number }>;
  note?: string | null;
  shippingAddress: Address;
  paymentMethod?: PaymentMethod | null;
  status?: OrderStatus;
}

export type OrderPatch = Partial<Pick<Order, 'note' | 'status' | 'shippingAddress'>>;

export interface ListQuery {
  /** Only orders created before the one with this list position (exclusive). */
  beforePosition?: number;
  status?: OrderStatus;
  offset?: number;
  limit: number;
}

export interface Store {
  /** Changes on every reset; sync cursors from another epoch are stale (410). */
  readonly epoch: string;
  /** `seq` of the newest change, 0 when none. */
  readonly headSeq: number;
  users(): User[];
  userById(id: string): User | undefined;
  userByEmail(email: string): User | undefined;
  checkPassword(user: User, password: string): boolean;
  /** Creates an order; throws an Error naming the index of an unknown SKU. */
  createOrder(ownerId: string, input: OrderInput): Order;
  getOrder(id: string): Order | undefined;
  updateOrder(id: string, patch: OrderPatch): Order;
  deleteOrder(id: string): boolean;
  /** Owner's orders, newest first, with each one's list position (for cursors). */
  listOrders(ownerId: string, query: ListQuery): { items: Array<{ order: Order; position: number }>; more: boolean };
  /** Orders of one owner (by id or email), newest first. */
  ordersOf(owner: string): Order[];
  /** Creates `count` plausible orders for `owner` (user id or email). */
  seedOrders(count: number, owner: string): Order[];
  /** Changes of one owner with seq > `afterSeq`, oldest first. */
  changesSince(afterSeq: number, ownerId?: string): Change[];
  onChange(listener: (change: Change) => void): () => void;
  /** Drops all orders and changes and restores the seed data (new epoch). */
  reset(): void;
}

export interface StoreOptions {
  now: () => number;
  /** Orders seeded for alice (bob always gets 2). */
  seedOrders: number;
  /** Customers added to the seed users, ids `e0000000-0000-4000-8000-<n, 12 digits>` (for batch tests). [0] */
  extraUsers?: number | undefined;
}

const clone = <T>(value: T): T => structuredClone(value);

export function createStore(options: StoreOptions): Store {
  const { now } = options;
  const iso = () => new Date(now()).toISOString();
  const extra = Array.from({ length: options.extraUsers ?? 0 }, (_, i): User => ({ id: `e0000000-0000-4000-8000-${String(i).padStart(12, '0')}`, email: `user${i}@example.com`, name: `User ${i}`, avatarUrl: null, role: 'customer', createdAt: '2024-01-01T00:00:00.000Z' }));
  const users = new Map([...SEED_USERS, ...extra].map((u) => [u.id, u]));
  const orders = new Map<string, { order: Order; position: number }>();
  const listeners = new Set<(change: Change) => void>();
  let changes: Change[] = [];
  let changeSeq = 0;
  let position = 0; // creation order; never reused, so cursors stay valid across deletes
  let epoch = randomUUID();

  const resolveOwner = (owner: string): User => {
    const user = users.get(owner) ?? [...users.values()].find((u) => u.email === owner);
    if (!user) throw new Error(`Unknown user ${owner}`);
    return user;
  };

  const record = (type: Change['type'], order: Order) => {
    const change: Change = { seq: ++changeSeq, type, orderId: order.id, ownerId: order.userId, at: iso() };
    if (type !== 'order.deleted') change.order = clone(order);
    changes.push(change);
    for (const listener of listeners) listener(clone(change));
  };

  const store: Store = {
    get epoch() {
      return epoch;
    },
    get headSeq() {
      return changeSeq;
    },
    users: () => [...users.values()].map(clone),
    userById: (id) => {
      const u = users.get(id);
      return u && clone(u);
    },
    userByEmail: (email) => {
      const u = [...users.values()].find((x) => x.email === email.toLowerCase());
      return u && clone(u);
    },
    checkPassword: (user, password) => users.has(user.id) && password === SEED_PASSWORD,

    createOrder(ownerId, input) {
      const items = input.items.map((line, i) => {
        const product = findProduct(line.sku);
        if (!product) throw Object.assign(new Error(`Unknown SKU ${line.sku}`), { itemIndex: i });
        const { sku, name, category, priceCents, currency } = product;
        return { sku, name, quantity: line.quantity, unitPrice: money(priceCents, currency), category: clone(category) };
      });
      const cents = input.items.reduce((sum, line) => sum + (findProduct(line.sku)?.priceCents ?? 0) * line.quantity, 0);
      const at = iso();
      const order: Order = {
        id: randomUUID(),
        userId: resolveOwner(ownerId).id,
        status: input.status ?? 'pending',
        items,
        total: money(cents, items[0]?.unitPrice.currency ?? 'EUR'),
        note: input.note ?? null,
        shippingAddress: clone(input.shippingAddress),
        paymentMethod: input.paymentMethod ? clone(input.paymentMethod) : null,
        createdAt: at,
        updatedAt: at,
        version: 1,
      };
      orders.set(order.id, { order, position: ++position });
      record('order.created', order);
      return clone(order);
    },

    getOrder: (id) => {
      const found = orders.get(id);
      return found && clone(found.order);
    },

    updateOrder(id, patch) {
      const found = orders.get(id);
      if (!found) throw new Error(`Unknown order ${id}`);
      const order = found.order;
      if (patch.note !== undefined) order.note = patch.note;
      if (patch.status !== undefined) order.status = patch.status;
      if (patch.shippingAddress !== undefined) order.shippingAddress = clone(patch.shippingAddress);
      order.version += 1;
      order.updatedAt = iso();
      record('order.updated', order);
      return clone(order);
    },

    deleteOrder(id) {
      const found = orders.get(id);
      if (!found) return false;
      orders.delete(id);
      record('order.deleted', found.order);
      return true;
    },

    listOrders(ownerId, query) {
      const matching = [...orders.values()]
        .filter(({ order, position: p }) =>
          order.userId === ownerId &&
          (query.status === undefined || order.status === query.status) &&
          (query.beforePosition === undefined || p < query.beforePosition))
        .sort((a, b) => b.position - a.position);
      const start = query.offset ?? 0;
      const page = matching.slice(start, start + query.limit);
      return { items: page.map(({ order, position: p }) => ({ order: clone(order), position: p })), more: matching.length > start + query.limit };
    },

    ordersOf(owner) {
      const id = resolveOwner(owner).id;
      return [...orders.values()].filter((o) => o.order.userId === id).sort((a, b) => b.position - a.position).map((o) => clone(o.order));
    },

    seedOrders(count, owner) {
      const user = resolveOwner(owner);
      const created: Order[] = [];
      for (let i = 0; i < count; i++) {
        const a = CATALOG[i % CATALOG.length]!;
        const b = CATALOG[(i * 7 + 3) % CATALOG.length]!;
        const items = a.sku === b.sku ? [{ sku: a.sku, quantity: 1 + (i % 3) }] : [{ sku: a.sku, quantity: 1 + (i % 3) }, { sku: b.sku, quantity: 1 }];
        const paymentMethod: PaymentMethod = i % 2 === 0
          ? { type: 'card', brand: 'visa', last4: String(4242 + (i % 10)).slice(-4), expMonth: 12, expYear: 2030 }
          : { type: 'wallet', provider: 'apple_pay' };
        created.push(store.createOrder(user.id, {
          items,
          note: i % 4 === 0 ? `Seed order ${i + 1}` : null,
          shippingAddress: { ...SEED_ADDRESS, name: user.name },
          paymentMethod,
          status: ORDER_STATUSES[i % ORDER_STATUSES.length]!,
        }));
      }
      return created;
    },

    changesSince(afterSeq, ownerId) {
      return changes.filter((c) => c.seq > afterSeq && (ownerId === undefined || c.ownerId === ownerId)).map(clone);
    },

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    reset() {
      orders.clear();
      changes = [];
      epoch = randomUUID();
      seed();
    },
  };

  function seed() {
    store.seedOrders(options.seedOrders, SEED_USERS[0]!.id);
    store.seedOrders(2, SEED_USERS[1]!.id);
  }
  seed();
  return store;
}
