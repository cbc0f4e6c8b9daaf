/**
 * Type tests for generated webhook parsers (checked by `tsc --noEmit`, never run), against the
 * SDKs generated from test/fixtures/webhooks/ (committed next to this file, kept fresh by
 * test/codegen/wire-types.test.ts). Every `@ts-expect-error` line must not compile.
 */
import type { NetworkError, WebhookResult } from '../../src/index.js';
import { webhooks as accountHooks, type WebhookPayloads as AccountPayloads } from './generated-accounts/index.js';
import { defaultWebhook, parcelDeliveredWebhook, webhooks, type WebhookPayloads } from './generated-webhooks-only/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(): T => true as T;

export function parsers(body: string, parsed: unknown, bytes: Uint8Array): void {
  // parse accepts JSON text, bytes or a parsed value and answers the typed payload.
  const delivered = webhooks.parcelDelivered.parse(body);
  expectType<Equal<typeof delivered, WebhookPayloads['parcelDelivered']>>();
  expectType<Equal<typeof delivered.parcelId, string>>();
  expectType<Equal<typeof delivered.attempts, number | undefined>>();
  webhooks.parcelLost.parse(parsed);
  parcelDeliveredWebhook.parse(bytes);
  // Names follow the operation rules: `default` is a property, `defaultWebhook` the export.
  const numbers = defaultWebhook.parse(body);
  expectType<Equal<typeof numbers, number[]>>();
  expectType<Equal<typeof webhooks.default, typeof defaultWebhook>>();
  // writeOnly fields are not in payloads (the API sends them, like a response).
  // @ts-expect-error signature.image is writeOnly
  void delivered.signature.image;
  const lost = webhooks.parcelLost.parse(body);
  expectType<Equal<typeof lost.reason, string | null | undefined>>();
  // @ts-expect-error no such webhook
  void webhooks.parcelStolen;

  // safeParse answers { data } | { error }.
  const result = accountHooks.accountCreated.safeParse(body);
  expectType<Equal<typeof result, WebhookResult<AccountPayloads['accountCreated']>>>();
  if (result.error) {
    expectType<Equal<typeof result.error, NetworkError>>();
  } else {
    expectType<Equal<typeof result.data.id, string>>();
    // @ts-expect-error password is writeOnly
    void result.data.password;
  }
  // A defaulted payload field is optional: the sender may leave it out.
  const closed = accountHooks.accountClosed.parse(body);
  expectType<Equal<typeof closed.reason, 'user' | 'fraud' | 'inactive' | undefined>>();
}
