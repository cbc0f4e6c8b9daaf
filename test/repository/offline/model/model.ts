/**
 * The model side of the offline queue's property test: what the app asked for, as the app
 * knows it. A mutation is identified by its order note (`m<n>`), which the server stores with
 * the order, so the ledger can be read back as "which intents were applied, in which order",
 * independently of the idempotency keys the queue chose.
 */

/** The app's view of what it queued. */
export interface Model {
  /** Next note number. */
  next: number;
  /** Notes whose enqueue resolved: the queue promised to apply these. */
  readonly confirmed: Set<string>;
  /** Notes whose enqueue was cut by a crash: each may be applied once, or never. */
  readonly maybe: Set<string>;
  /** Enqueue order per scope (confirmed and maybe notes). */
  readonly scopes: Map<string, string[]>;
  /** What the connectivity switch says. */
  online: boolean;
}

/** A fresh model: nothing queued, online. */
export function emptyModel(): Model {
  return { next: 0, confirmed: new Set(), maybe: new Set(), scopes: new Map(), online: true };
}

/** Reserves the next note for an enqueue in `scope` and records its place in the scope's order. */
export function reserveNote(model: Model, scope: string): string {
  const note = `m${model.next++}`;
  const list = model.scopes.get(scope) ?? [];
  list.push(note);
  model.scopes.set(scope, list);
  return note;
}

/** The scopes commands draw from: few, so entries of one scope pile up and order matters. */
export const SCOPES = ['cart', 'profile', 'orders'] as const;

/** The body of the createOrder mutation carrying `note`. */
export function orderBody(note: string) {
  return {
    items: [{ sku: 'MUG-LOGO', quantity: 1 }],
    note,
    shippingAddress: { name: 'Alice Example', line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' },
  };
}
