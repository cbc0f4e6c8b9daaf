/**
 * The typed keys for an app that did not register TanStack's tag symbols (test/types/
 * query-keys.types.ts registers them for the whole repo program, so this runs in a program of its
 * own): TanStack sees the plain keys it saw before (getQueryData is `unknown`, every observer and
 * filter accepts them), queryOptions still infer `data` through `queryFn`, and Tether's own
 * `TetherKeyData` reads the tag. Also checks that the key values themselves did not change.
 */
import { suite } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanScratch, root, scratch } from '../helpers/paths.js';
import { typeCheck } from '../consumer/matrix.js';
import { createQueries, createSdk } from '../../generated/v1/index.js';

// One in-process tsc program over src/ and generated/v1: seconds, more under load.
const test = suite('unregistered keys', {}, { timeoutMs: 120_000 });
test.after(() => cleanScratch('unregistered-keys'));

const CONSUMER = `
import { QueryClient, QueryObserver, type QueryKey } from '@tanstack/query-core';
import { createQueries, createSdk, type Sdk, type TetherKeyData } from '../../../generated/v1/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(): T => true as T;
type Order = Awaited<ReturnType<Sdk['orders']['getOrder']>>;

declare const client: QueryClient;
const q = createQueries(createSdk({ baseUrl: 'https://api.example.com' }));
const key = q.orders.getOrder.queryKey({ params: { path: { orderId: 'o-1' } } });

export async function plainToTanStack(): Promise<void> {
  const cached = client.getQueryData(key);
  expectType<Equal<typeof cached, unknown>>();
  const asKey: QueryKey = key;
  await client.invalidateQueries({ queryKey: key, exact: true });
  client.setQueryData(key, { anything: true });
  const observer = new QueryObserver(client, q.orders.getOrder.queryOptions({ params: { path: { orderId: 'o-1' } } }));
  expectType<Equal<ReturnType<typeof observer.getCurrentResult>['data'], Order | undefined>>();
  expectType<Equal<TetherKeyData<typeof key>, Order>>();
  // @ts-expect-error the tag is only a type: Tether's phantom symbol is no string property
  void key.dataTagSymbol;
  void asKey;
}
`;

test('without the registration, TanStack sees plain keys and TetherKeyData still reads the tag', async () => {
  const dir = await scratch('unregistered-keys');
  const file = join(dir, 'consumer.ts');
  await writeFile(file, CONSUMER);
  const options = {
    strict: true, exactOptionalPropertyTypes: true, skipLibCheck: true, noEmit: true, types: [],
    target: 'ES2022', lib: ['ES2022', 'DOM', 'DOM.Iterable'], module: 'ESNext', moduleResolution: 'Bundler',
  };
  const { errors, files } = typeCheck([file], options, root);
  assert.is(errors, '', errors);
  assert.ok(files.some((f) => f.includes('query-core')), 'TanStack is part of the program');
  assert.not.ok(files.some((f) => f.includes('test/types/')), 'the registering type test is not');
});

test('the key values are the plain arrays they were: typing them changed nothing at run time', () => {
  const q = createQueries(createSdk({ baseUrl: 'https://api.example.com' }));
  const init = { params: { path: { orderId: 'o-1' } } };
  assert.equal(q.orders.getOrder.queryKey(init), ['tether', 'orders.getOrder', init]);
  assert.equal(q.orders.getOrder.queryOptions(init).queryKey, ['tether', 'orders.getOrder', init]);
  assert.equal(q.orders.listOrders.infiniteQueryKey(), ['tether', 'orders.listOrders', {}, 'infinite']);
  assert.equal(Object.getOwnPropertySymbols(q.orders.getOrder.queryKey(init)), [], 'no symbol property at run time');
});

test.run();
