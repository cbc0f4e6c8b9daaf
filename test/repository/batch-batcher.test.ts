/**
 * The batcher alone (src/repository/batch/batcher.ts), with an in-process load: order, splitting
 * by maxBatchSize, duplicates, per-item and per-batch errors, aborts before and during a load,
 * the window, and nothing left unhandled.
 */
import * as assert from 'uvu/assert';
import { suite } from '../helpers/timed-suite.js';
import { createBatcher, type BatcherOptions } from '../../src/repository/batch/batcher.js';
import { isBatchItemMissing } from '../../src/repository/batch/errors.js';
import { isNetworkError } from '../../src/errors/network-error.js';

const test = suite('batch: batcher');

interface Item {
  id: string;
  n: number;
}

/** A load that answers every key it knows (all but those starting with `x`), reversed, and records its calls. */
function recorder(overrides: Partial<BatcherOptions<string, Item>> = {}) {
  const calls: string[][] = [];
  const signals: AbortSignal[] = [];
  const batcher = createBatcher<string, Item>({
    load: async (keys, signal) => {
      calls.push(keys);
      signals.push(signal);
      return keys.filter((k) => !k.startsWith('x')).map((id) => ({ id, n: Number(id.slice(1)) })).reverse();
    },
    key: (item) => item.id,
    ...overrides,
  });
  return { batcher, calls, signals };
}

const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

test('calls in one tick go out as one load; each caller gets its own item, in its order', async () => {
  const { batcher, calls } = recorder();
  const ids = ['k1', 'k2', 'k3', 'k4'];
  const items = await Promise.all(ids.map((id) => batcher.load(id)));
  assert.equal(calls, [ids]);
  assert.equal(items.map((i) => i.id), ids);
});

test('more keys than maxBatchSize are split into ceil(n / max) loads, in call order', async () => {
  const { batcher, calls } = recorder({ maxBatchSize: 3 });
  const ids = Array.from({ length: 10 }, (_, i) => `k${i}`);
  const items = await Promise.all(ids.map((id) => batcher.load(id)));
  assert.equal(calls.map((c) => c.length), [3, 3, 3, 1]);
  assert.equal(calls.flat(), ids);
  assert.equal(items.map((i) => i.n), ids.map((_, i) => i));
});

test('duplicate keys in one window are sent once and every caller gets the item', async () => {
  const { batcher, calls } = recorder();
  const items = await Promise.all(['k1', 'k2', 'k1', 'k1'].map((id) => batcher.load(id)));
  assert.equal(calls, [['k1', 'k2']]);
  assert.equal(items.map((i) => i.id), ['k1', 'k2', 'k1', 'k1']);
  assert.is(items[0], items[2]);
});

test('a key the answer lacks fails only its callers, with NOT_FOUND whose cause is typed', async () => {
  const { batcher } = recorder();
  const results = await Promise.allSettled(['k1', 'x2', 'k3', 'x2'].map((id) => batcher.load(id)));
  assert.equal(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled', 'rejected']);
  const error = (results[1] as PromiseRejectedResult).reason;
  assert.ok(isNetworkError(error));
  assert.is(error.type, 'NOT_FOUND');
  assert.ok(isBatchItemMissing(error.cause));
  assert.is((error.cause as { key: unknown }).key, 'x2');
});

test('a failed load fails every caller of that batch (the same error), and only that batch', async () => {
  const failure = new Error('boom');
  let n = 0;
  const batcher = createBatcher<string, Item>({
    maxBatchSize: 2,
    load: async (keys) => {
      if (n++ === 0) throw failure;
      return keys.map((id) => ({ id, n: 0 }));
    },
    key: (item) => item.id,
  });
  const results = await Promise.allSettled(['a', 'b', 'c'].map((id) => batcher.load(id)));
  assert.is((results[0] as PromiseRejectedResult).reason, failure);
  assert.is((results[1] as PromiseRejectedResult).reason, failure);
  assert.is(results[2]!.status, 'fulfilled');
});

test('a load that throws synchronously or answers a non-list fails its callers, never unhandled', async () => {
  const sync = createBatcher<string, Item>({ load: () => { throw new RangeError('sync'); }, key: (i) => i.id });
  const error = await sync.load('a').catch((e: unknown) => e);
  assert.instance(error, RangeError);
  const bad = createBatcher<string, Item>({ load: async () => 42 as unknown as Item[], key: (i) => i.id });
  const second = await bad.load('a').catch((e: unknown) => e);
  assert.instance(second, TypeError);
});

test('an abort before the load removes only that caller; its key is not sent', async () => {
  const { batcher, calls } = recorder();
  const controller = new AbortController();
  const gone = batcher.load('k9', controller.signal);
  const kept = batcher.load('k1');
  controller.abort();
  const error = await gone.catch((e: unknown) => e);
  assert.ok(isNetworkError(error));
  assert.is(error.type, 'CANCELLED');
  assert.is((await kept).id, 'k1');
  assert.equal(calls, [['k1']]);
});

test('an abort of one of two callers of a duplicate key keeps the key for the other', async () => {
  const { batcher, calls } = recorder();
  const controller = new AbortController();
  const gone = batcher.load('k1', controller.signal);
  const kept = batcher.load('k1');
  controller.abort();
  await gone.catch(() => undefined);
  assert.is((await kept).id, 'k1');
  assert.equal(calls, [['k1']]);
});

test('an already aborted signal rejects at once and queues nothing', async () => {
  const { batcher, calls } = recorder();
  const error = await batcher.load('k1', AbortSignal.abort()).catch((e: unknown) => e);
  assert.ok(isNetworkError(error));
  assert.is(error.type, 'CANCELLED');
  await macrotask();
  assert.equal(calls, []);
});

test('an abort while the load is in flight ends only that wait; the load is aborted when every caller left', async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const signals: AbortSignal[] = [];
  const batcher = createBatcher<string, Item>({
    load: async (keys, signal) => {
      signals.push(signal);
      await gate;
      return keys.map((id) => ({ id, n: 0 }));
    },
    key: (item) => item.id,
  });
  const a = new AbortController();
  const b = new AbortController();
  const first = batcher.load('k1', a.signal);
  const second = batcher.load('k2', b.signal);
  batcher.flush();
  assert.is(signals.length, 1);
  a.abort();
  assert.is((await first.catch((e: { type: string }) => e.type)), 'CANCELLED');
  assert.is(signals[0]!.aborted, false, 'one caller still waits');
  b.abort();
  assert.is((await second.catch((e: { type: string }) => e.type)), 'CANCELLED');
  assert.is(signals[0]!.aborted, true, 'nobody waits: the load is aborted');
  release();
});

test('window 0: calls in one macrotask (across awaits) share a load; a call after it was sent starts another', async () => {
  const { batcher, calls } = recorder();
  const first = batcher.load('k1');
  await Promise.resolve();
  await Promise.resolve();
  const second = batcher.load('k2');
  await Promise.all([first, second]);
  await batcher.load('k3');
  assert.equal(calls, [['k1', 'k2'], ['k3']]);
});

test('windowMs > 0 keeps collecting across macrotasks until the window ends (flush ends it here)', async () => {
  const { batcher, calls } = recorder({ windowMs: 60_000 });
  const first = batcher.load('k1');
  await macrotask();
  const second = batcher.load('k2');
  await macrotask();
  assert.equal(calls, []);
  batcher.flush();
  await Promise.all([first, second]);
  assert.equal(calls, [['k1', 'k2']]);
});

test('a full batch is sent at once, without waiting for the window', async () => {
  const { batcher, calls } = recorder({ windowMs: 60_000, maxBatchSize: 2 });
  const both = [batcher.load('k1'), batcher.load('k2')];
  assert.equal(calls, [['k1', 'k2']]);
  await Promise.all(both);
  const third = batcher.load('k3');
  batcher.flush();
  await third;
});

test('options are checked', () => {
  const load = async () => [];
  const key = (i: Item) => i.id;
  assert.throws(() => createBatcher<string, Item>({ load, key, maxBatchSize: 0 }), TypeError);
  assert.throws(() => createBatcher<string, Item>({ load, key, maxBatchSize: 1.5 }), TypeError);
  assert.throws(() => createBatcher<string, Item>({ load, key, windowMs: -1 }), TypeError);
  assert.throws(() => createBatcher({ key } as unknown as BatcherOptions<string, Item>), TypeError);
});

test.run();
