/**
 * Type tests: request and response types match what travels on the wire (checked by
 * `tsc --noEmit`, never run). Against the SDK generated from test/fixtures/webhooks/accounts.yaml
 * (committed in ./generated-accounts, kept fresh by test/codegen/wire-types.test.ts).
 * Every `@ts-expect-error` line is a call that must not compile.
 */
import type { OperationData, OperationInit, Readable, Writable } from '../../src/runtime.js';
import type { Sdk, components, operations } from './generated-accounts/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(): T => true as T;

declare const sdk: Sdk;

export async function defaultsAreOptional(): Promise<void> {
  // plan, locale and newsletter have a `default` and are not `required`: a body may omit them.
  await sdk.accounts.createAccount({ body: { email: 'a@example.com', password: 'correct horse' } });
  await sdk.accounts.createAccount({ body: { email: 'a@example.com', password: 'correct horse', plan: 'pro', newsletter: true } });
  // Query parameters with defaults stay optional, and so does the whole init.
  await sdk.accounts.listAccounts();
  await sdk.accounts.listAccounts({ params: { query: { limit: 5 } } });
  // A required field without a default is still required.
  // @ts-expect-error email is required
  await sdk.accounts.createAccount({ body: { password: 'correct horse' } });
  // A response is not promised a field just because the spec gives it a default.
  const page = await sdk.accounts.listAccounts();
  expectType<Equal<typeof page.total, number | undefined>>();
  const account = page.items[0]!;
  expectType<Equal<typeof account.plan, 'free' | 'pro' | undefined>>();
}

export async function readOnlyNotInRequests(): Promise<void> {
  // @ts-expect-error id is readOnly: the server assigns it
  await sdk.accounts.createAccount({ body: { id: 'acc_1', email: 'a@example.com', password: 'correct horse' } });
  // @ts-expect-error createdAt is readOnly
  await sdk.accounts.createAccount({ body: { email: 'a@example.com', password: 'correct horse', createdAt: '2024-01-01T00:00:00Z' } });
  // Nested too: a device's id is readOnly, its pushToken writeOnly (so it may be sent).
  await sdk.accounts.createAccount({ body: { email: 'a@example.com', password: 'correct horse', devices: [{ name: 'phone', pushToken: 't' }] } });
  // @ts-expect-error devices[].deviceId is readOnly
  await sdk.accounts.createAccount({ body: { email: 'a@example.com', password: 'correct horse', devices: [{ deviceId: 'd1', name: 'phone' }] } });
  // Not only fresh literals: a readOnly key in any object is refused.
  const fromForm = { id: 'acc_1', email: 'a@example.com', password: 'correct horse' };
  // @ts-expect-error id is readOnly
  await sdk.accounts.createAccount({ body: fromForm });
  // writeOnly fields are plain values in requests, not markers.
  type Body = OperationInit<operations['createAccount']>['body'];
  expectType<Equal<NonNullable<Body>['password'], string>>();
}

export async function writeOnlyNotInResponses(): Promise<void> {
  const account = await sdk.accounts.createAccount({ body: { email: 'a@example.com', password: 'correct horse' } });
  // readOnly fields are plain values in responses.
  expectType<Equal<typeof account.id, string>>();
  expectType<Equal<typeof account.createdAt, string>>();
  // @ts-expect-error password is writeOnly: never sent back
  void account.password;
  const device = account.devices?.[0];
  if (device) {
    expectType<Equal<typeof device.deviceId, string>>();
    // @ts-expect-error pushToken is writeOnly
    void device.pushToken;
  }
  type Data = OperationData<operations['createAccount']>;
  expectType<Equal<'password' extends keyof Data ? true : false, false>>();
}

// The utility types on their own: identity without markers, per-direction views with them.
type Account = components['schemas']['Account'];
expectType<Equal<Readable<{ a: string; b?: number[] }>, { a: string; b?: number[] }>>();
expectType<Equal<Writable<{ a: string; b?: number[] }>, { a: string; b?: number[] }>>();
expectType<Equal<keyof Readable<Account>, Exclude<keyof Account, 'password'>>>();
expectType<Equal<Writable<Account>['id'], undefined>>();
