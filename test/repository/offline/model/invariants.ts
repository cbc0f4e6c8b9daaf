/**
 * The offline queue's invariants, read from the reference server's ledger after every command
 * (safety) and after the run (liveness): applied ⊆ enqueued, nothing applied twice, per-scope
 * order kept, and a healthy network drains the queue with every promised mutation applied once.
 */
import * as assert from 'uvu/assert';
import type { Model } from './model.js';
import type { World } from './world.js';

/** One applied createOrder, in ledger order. */
interface Applied {
  readonly note: string;
  readonly key: string | undefined;
}

/** The createOrder side effects the server applied, oldest first, with the note each order carries. */
export function appliedOrders(world: World): Applied[] {
  return world.server.ledger.entries('order.created').map((entry) => {
    const order = entry.orderId === undefined ? undefined : world.server.store.getOrder(entry.orderId);
    // An order created but gone from the store would hide an application: fail loudly instead.
    assert.ok(order, `ledger entry ${entry.seq} names order ${entry.orderId ?? '(none)'}, which the store does not hold`);
    return { note: order.note ?? '(no note)', key: entry.key };
  });
}

/** Invariants that must hold at every moment of the run. */
export function checkSafety(world: World, model: Model, when: string): void {
  const applied = appliedOrders(world);
  const seen = new Set<string>();
  const keys = new Set<string>();
  for (const { note, key } of applied) {
    assert.ok(model.confirmed.has(note) || model.maybe.has(note), `${when}: ${note} was applied but never enqueued`);
    assert.not.ok(seen.has(note), `${when}: ${note} was applied twice`);
    seen.add(note);
    assert.ok(key !== undefined, `${when}: ${note} was sent without an Idempotency-Key`);
    assert.ok(world.keysSeen.has(key), `${when}: ${note} was applied under key ${key}, which the queue never showed`);
    assert.not.ok(keys.has(key), `${when}: key ${key} applied twice`);
    keys.add(key);
  }
  // Per scope, the applied notes appear in the ledger in the order they were enqueued.
  const position = new Map(applied.map(({ note }, index) => [note, index]));
  for (const [scope, notes] of model.scopes) {
    const order = notes.filter((note) => position.has(note)).map((note) => position.get(note)!);
    const sorted = [...order].sort((a, b) => a - b);
    assert.equal(order, sorted, `${when}: scope "${scope}" applied out of order: ${notes.filter((n) => position.has(n)).join(', ')}`);
  }
}

/** After draining on a healthy network: every confirmed note applied exactly once, nothing left. */
export function checkDrained(world: World, model: Model, pending: number, deadLetters: number): void {
  checkSafety(world, model, 'after draining');
  const applied = new Set(appliedOrders(world).map(({ note }) => note));
  const missing = [...model.confirmed].filter((note) => !applied.has(note));
  assert.equal(missing, [], `every confirmed enqueue is applied after draining (missing ${missing.join(', ')}; ${pending} pending, ${deadLetters} dead)`);
  assert.is(pending, 0, 'nothing is left pending on a healthy network');
  assert.is(deadLetters, 0, 'no retryable failure ends in the dead letters');
}
