/**
 * Each event's data against the spec's schema (src/repository/sse/event-stream-method.ts),
 * isolated from the network: the call path is replaced by one that hands over a prepared
 * event-stream Response, so malformed events the reference server never sends can be tried.
 */
import * as assert from 'uvu/assert';
import { suite, within } from '../../helpers/timed-suite.js';
import { isNetworkError, type OperationMeta } from '../../../generated/v1/index.js';
import { streamEvents as meta } from '../../../generated/v1/operations.js';
import { openEventStream, type StreamHost, type StreamRun } from '../../../src/repository/sse/event-stream-method.js';
import { RESPONSE_SINK } from '../../../src/service/call.js';
import type { ValidateMode } from '../../../src/service/validate.js';
import * as v from '../../../src/valibot.js';

const test = suite('sse: event data parsed and validated');

const ORDER_ID = '0b9a3e0e-6f0e-4b7e-9b8e-1d2c3b4a5f60';
const good = `{"type":"order.deleted","orderId":"${ORDER_ID}","at":"2025-01-01T12:00:00.000Z"}`;
const wrongType = `{"type":"order.exploded","orderId":"${ORDER_ID}","at":"2025-01-01T12:00:00.000Z"}`;

/** A host whose warnings are kept and whose sleeps never happen (each test reads one connection). */
function host(validate: ValidateMode, warnings: string[]): StreamHost {
  const log = { debug() {}, info() {}, error() {}, warn: (message: string) => void warnings.push(message) };
  return { clock: { now: () => 0, random: () => 0, sleep: () => new Promise<void>(() => {}) }, log, baseUrl: 'https://api.example.com', validate, timeoutMs: 30_000 };
}

/** A call path that answers every connection with `body` as an event stream. */
function answering(body: string): StreamRun {
  return async (_init, options) => {
    const response = new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    (options as unknown as Record<typeof RESPONSE_SINK, (r: Response) => void>)[RESPONSE_SINK](response);
    return response.body;
  };
}

async function first(body: string, validate: ValidateMode, warnings: string[] = [], operation: OperationMeta = meta) {
  const it = openEventStream(operation, answering(body), host(validate, warnings), undefined, undefined)[Symbol.asyncIterator]();
  try {
    return await within(it.next(), 'first event');
  } finally {
    await it.return?.();
  }
}

test('a valid event is parsed JSON', async () => {
  const result = await first(`id: 9\nevent: order.deleted\ndata: ${good}\n\n`, 'strict');
  assert.equal(result.value, { id: '9', event: 'order.deleted', data: JSON.parse(good) });
});

test("strict: an event that does not match the spec ends the stream with UNKNOWN naming the path, source 'server'", async () => {
  const error = await first(`id: 9\ndata: ${wrongType}\n\n`, 'strict').then(() => undefined, (e: unknown) => e);
  assert.ok(isNetworkError(error), String(error));
  assert.is(error.type, 'UNKNOWN');
  assert.is(error.source, 'server');
  assert.ok(error.issues?.some((issue) => issue.path.includes('type')), 'the issue names `type`');
  assert.is(error.data, wrongType);
});

test('warn passes the event through and logs once; off does not look', async () => {
  const warnings: string[] = [];
  const warned = await first(`data: ${wrongType}\n\n`, 'warn', warnings);
  assert.is((warned.value as { data: { type: string } }).data.type, 'order.exploded');
  assert.is(warnings.length, 1);
  const off: string[] = [];
  await first(`data: ${wrongType}\n\n`, 'off', off);
  assert.is(off.length, 0);
});

test('data that is not JSON ends the stream with UNKNOWN whatever validate says', async () => {
  for (const mode of ['strict', 'warn', 'off'] as const) {
    const error = await first('data: {not json\n\n', mode).then(() => undefined, (e: unknown) => e);
    assert.ok(isNetworkError(error) && error.type === 'UNKNOWN', `${mode}: ${String(error)}`);
  }
});

test('an operation without an event schema yields the raw text', async () => {
  const plain: OperationMeta = { ...meta, schemas: { ...meta.schemas, event: undefined } };
  const result = await first('data: {not json\n\n', 'strict', [], plain);
  assert.equal(result.value, { id: undefined, event: 'message', data: '{not json' });
});

test('an id a header cannot carry ends the stream with UNKNOWN at the next connection, instead of retrying forever', async () => {
  const plain: OperationMeta = { ...meta, schemas: { ...meta.schemas, event: undefined } };
  const now: StreamHost = { ...host('strict', []), clock: { now: () => 0, random: () => 0, sleep: () => Promise.resolve() } };
  const it = openEventStream(plain, answering('id: \u20ac1\ndata: x\n\n'), now, undefined, undefined)[Symbol.asyncIterator]();
  assert.is((await within(it.next(), 'first event')).value?.id, '\u20ac1');
  const error = await within(it.next(), 'reconnect').then(() => undefined, (e: unknown) => e);
  assert.ok(isNetworkError(error) && error.type === 'UNKNOWN', String(error));
});

test('an event nested deeper than the stack against a recursive schema ends the stream with UNKNOWN, not a RangeError', async () => {
  type Tree = { children: Tree[] };
  const tree: v.GenericSchema<Tree> = v.object({ children: v.array(v.lazy(() => tree)) });
  const recursive: OperationMeta = { ...meta, schemas: { ...meta.schemas, event: tree } };
  const depth = 100_000;
  const deep = '{"children":['.repeat(depth) + ']}'.repeat(depth);
  const error = await first(`id: 1\ndata: ${deep}\n\n`, 'strict', [], recursive).then(() => undefined, (e: unknown) => e);
  assert.ok(isNetworkError(error), String(error));
  assert.is(error.type, 'UNKNOWN');
  assert.match(error.message, /could not be validated/);
});

test.run();
