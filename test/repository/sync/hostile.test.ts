/**
 * Hostile changes feeds, sent by test/server as raw JSON through the real SDK: prototype
 * pollution keys at every depth, malformed records, non-string deletes and schema failures are
 * each refused and reported, while the good records of the same page are applied.
 */
import * as assert from 'uvu/assert';
import { serverSuite } from '../../helpers/server-suite.js';
import { memoryStorage } from '../../../generated/v1/index.js';
import { OrderSchema } from '../../../generated/v1/validators.js';
import { createSync, SyncCursorStalledError, type RejectedRecord } from '../../../src/repository/sync/index.js';
import { sanitizeRecord } from '../../../src/repository/sync/sanitize.js';
import { shopFeed, shopSdk } from './helpers.js';

const test = serverSuite('sync: hostile payloads');

/** A naive deep merge, as many apps write one: exactly what prototype pollution preys on. */
function naiveMerge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const key in source) {
    const value = source[key];
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
      naiveMerge(target[key] as Record<string, unknown>, value as Record<string, unknown>);
    } else target[key] = value;
  }
}

test('pollution keys, malformed records and bad deletes are refused one by one; the good records land; Object.prototype is untouched', async (ctx) => {
  const good = ctx.server.store.ordersOf('alice@example.com');
  const [a, b, c] = good.map((o) => JSON.stringify(o));
  // Raw text, so "__proto__" arrives as JSON.parse makes it: an own property of the record.
  const body = `{"upserts":[${a},
    {"id":"p1","__proto__":{"polluted":"yes"}},
    ${b!.replace('"status"', '"constructor":{"prototype":{"polluted":"yes"}},"status"')},
    {"id":"p3","items":[{"__proto__":{"polluted":"yes"}}]},
    "not an object", null, {"noId":true},
    ${c!.replace(/"status":"[a-z]+"/, '"status":"teleported"')},
    ${JSON.stringify(good[3])}],
    "deletes":[42, "", {"__proto__":1}],
    "nextCursor":"c1","serverTime":"2026-01-01T00:00:00Z","hasMore":false}`;
  ctx.server.faults.add({ method: 'GET', path: '/sync', fault: { type: 'content-type', contentType: 'application/json', body } });

  const local: Record<string, Record<string, unknown>> = {};
  const reported: RejectedRecord[] = [];
  const storage = memoryStorage();
  const sync = createSync({
    pull: shopFeed(shopSdk(ctx.server)),
    storage,
    schema: OrderSchema,
    onInvalid: (r) => reported.push(r),
    apply(batch) {
      for (const record of batch.upserts) naiveMerge((local[record.id] ??= {}), record as unknown as Record<string, unknown>);
    },
  });
  const result = await sync.run();

  assert.is(({} as Record<string, unknown>)['polluted'], undefined, 'Object.prototype untouched');
  assert.is(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
  assert.equal(Object.keys(local).sort(), [good[0]!.id, good[3]!.id].sort(), 'only the two clean, valid orders were applied');
  assert.is(result.upserts, 2);
  assert.equal(result.rejected, reported, 'every refusal is both reported and in the result');
  const reasons = reported.map((r) => r.reason);
  assert.equal(reasons, ['forbidden-key', 'forbidden-key', 'forbidden-key', 'not-an-object', 'not-an-object', 'schema', 'schema', 'bad-delete', 'bad-delete', 'bad-delete']);
  assert.equal(reported[1]!.path, ['constructor']);
  assert.is(reported[1]!.id, good[1]!.id, 'a refused record is named by its id when it has one');
  assert.equal(reported[2]!.path, ['items', 0, '__proto__']);
  assert.equal(reported[6]!.path, ['status']);
  assert.is(await sync.cursor(), 'c1', 'the page still counts: its good records were applied');
});

test('a record nested 200,000 levels deep is refused on its own (too-deep), not a RangeError that ends the run', async (ctx) => {
  const [a, b] = ctx.server.store.ordersOf('alice@example.com').map((o) => JSON.stringify(o));
  const depth = 200_000;
  const deep = `{"id":"deep","note":${'['.repeat(depth)}${']'.repeat(depth)}}`;
  const body = `{"upserts":[${a},${deep},${b}],"deletes":[],"nextCursor":"c1","serverTime":"2026-01-01T00:00:00Z","hasMore":false}`;
  ctx.server.faults.add({ method: 'GET', path: '/sync', fault: { type: 'content-type', contentType: 'application/json', body } });
  const applied: string[] = [];
  const sync = createSync({ pull: shopFeed(shopSdk(ctx.server)), storage: memoryStorage(), schema: OrderSchema, apply: (batch) => void applied.push(...batch.upserts.map((r) => r.id)) });
  const result = await sync.run();
  assert.is(applied.length, 2, 'the two orders beside it were applied');
  assert.equal(result.rejected.map((r) => [r.reason, r.id]), [['too-deep', 'deep']]);
  assert.equal(result.rejected[0]!.path.slice(0, 2), ['note', 0], 'where it starts, not 1,000 steps of it');
});

test('a feed that says hasMore but hands back the same cursor stops the run (SyncCursorStalledError) instead of asking for the same page up to maxPages times', async (ctx) => {
  const [a] = ctx.server.store.ordersOf('alice@example.com').map((o) => JSON.stringify(o));
  const page = `{"upserts":[${a}],"deletes":[],"nextCursor":"stuck","serverTime":"2026-01-01T00:00:00Z","hasMore":true}`;
  for (let i = 0; i < 3; i++) ctx.server.faults.add({ method: 'GET', path: '/sync', fault: { type: 'content-type', contentType: 'application/json', body: page } });
  const applied: string[] = [];
  const storage = memoryStorage();
  const sync = createSync({ pull: shopFeed(shopSdk(ctx.server)), storage, schema: OrderSchema, apply: (batch) => void applied.push(...batch.upserts.map((r) => r.id)) });
  const error = await sync.run().then(() => undefined, (e: unknown) => e);
  assert.instance(error, SyncCursorStalledError);
  assert.is((error as SyncCursorStalledError).code, 'SYNC_CURSOR_STALLED');
  assert.is(ctx.server.requests.filter((r) => r.path === '/sync').length, 2, 'the first page, then the same cursor once');
  assert.is(applied.length, 2, 'both answers were applied (upserts by id are idempotent)');
  assert.is(await sync.cursor(), 'stuck', 'the applied page keeps its cursor');
});

test('sanitizeRecord copies deeply, builds fresh objects and refuses what JSON cannot carry', () => {
  const source = { id: 'x', nested: { list: [1, { a: 2 }] } };
  const checked = sanitizeRecord(source);
  assert.ok(checked.ok);
  const copy = (checked as { value: typeof source }).value;
  assert.equal(copy, source);
  assert.is.not(copy.nested, source.nested, 'nothing shared with the parsed answer');
  const cyclic: Record<string, unknown> = { id: 'c' };
  cyclic['self'] = cyclic;
  assert.is(sanitizeRecord(cyclic).ok, false);
  assert.is(sanitizeRecord({ id: 'd', when: new Date(0) }).ok, false);
  assert.is(sanitizeRecord({ id: 'n', n: Number.NaN }).ok, false);
  assert.is(sanitizeRecord(JSON.parse('{"a":{"b":{"prototype":1}}}')).ok, false);
});

test.run();
