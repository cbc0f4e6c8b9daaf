/**
 * OpenAPI 3.1 webhooks: specs with webhooks (with or without paths) load and generate, names
 * follow the operation rules, the generated SDK type-checks on its own, and each generated
 * parser accepts a valid payload and rejects an invalid one with a VALIDATION NetworkError
 * naming the failing paths.
 */
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { collectWebhooks } from '../../scripts/codegen/collect-webhooks.js';
import { generate } from '../../scripts/codegen/generate.js';
import { loadSpec } from '../../scripts/codegen/load-spec.js';
import { SpecError } from '../../scripts/codegen/spec-error.js';
import { NetworkError, isNetworkError } from '../../src/index.js';
import { webhooks as shopWebhooks } from '../../generated/v1/index.js';
import { webhooks as accountHooks } from '../types/generated-accounts/index.js';
import { webhooks } from '../types/generated-webhooks-only/index.js';
import { cleanScratch, root, scratch } from '../helpers/paths.js';
import { typecheckFolder } from '../helpers/tsc.js';

const quiet = { warn: () => {} };
const info = { title: 't', version: '1' };
const hookOnly = join(root, 'test/fixtures/webhooks/webhooks-only.yaml');

async function specFile(doc: unknown): Promise<string> {
  const file = join(await scratch('webhook-spec'), 'spec.json');
  await writeFile(file, JSON.stringify(doc));
  return file;
}

async function specError(doc: unknown): Promise<SpecError> {
  try {
    await loadSpec(await specFile(doc), quiet);
  } catch (error) {
    assert.instance(error, SpecError);
    return error as SpecError;
  }
  throw new Error('expected a SpecError');
}

const payload = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } };
const hook = (schema: unknown = payload): unknown => ({
  post: { requestBody: { content: { 'application/json': { schema } } }, responses: { '200': { description: 'ok' } } },
});

test('a 3.1 spec with webhooks and no paths loads; one with neither paths nor webhooks nor components does not', async () => {
  const loaded = await loadSpec(hookOnly, quiet);
  assert.is(loaded.openapiVersion, '3.1');
  const none = await specError({ openapi: '3.1.0', info });
  assert.is(none.where, '#/paths');
  assert.match(none.detail, /nothing to generate/);
  const empty = await specError({ openapi: '3.1.0', info, paths: {}, webhooks: {} });
  assert.match(empty.detail, /nothing to generate/);
  // components alone is a valid 3.1 document: types and validators.
  await loadSpec(await specFile({ openapi: '3.1.0', info, components: { schemas: { A: payload } } }), quiet);
});

test('3.0 still needs paths, webhooks do not stand in for them', async () => {
  const error = await specError({ openapi: '3.0.3', info, webhooks: { a: hook() } });
  assert.is(error.where, '#/paths');
  assert.match(error.detail, /no `paths`/);
});

test('webhooks that are not an object are refused with their pointer', async () => {
  const error = await specError({ openapi: '3.1.0', info, webhooks: [hook()] });
  assert.is(error.where, '#/webhooks');
});

test('names follow the operation rules; several methods, reserved words, clashes and body-less webhooks', () => {
  const warnings: string[] = [];
  const document = {
    webhooks: {
      'order.shipped': hook(),
      'order-shipped': hook(),
      default: hook(),
      refund: { post: (hook() as { post: unknown }).post, put: (hook() as { post: unknown }).post },
      ping: { post: { responses: { '200': { description: 'ok' } } } },
      viaRef: { $ref: '#/components/pathItems/Shared' },
    },
    components: { pathItems: { Shared: hook({ $ref: '#/components/schemas/P' }) }, schemas: { P: payload } },
  };
  const hooks = collectWebhooks(document, { warn: (pointer) => warnings.push(pointer) }, ['refundPutWebhook']);
  assert.equal(
    hooks.map((h) => [h.key, h.method, h.name, h.exportName]),
    [
      ['order.shipped', 'post', 'orderShipped', 'orderShippedWebhook'],
      ['order-shipped', 'post', 'orderShipped2', 'orderShipped2Webhook'],
      ['default', 'post', 'default', 'defaultWebhook'],
      ['refund', 'put', 'refundPut', 'refundPutWebhook2'],
      ['refund', 'post', 'refundPost', 'refundPostWebhook'],
      ['viaRef', 'post', 'viaRef', 'viaRefWebhook'],
    ],
  );
  // The clash is warned (no silent rename), as is the body-less webhook.
  assert.equal(warnings.sort(), ['#/webhooks/order-shipped/post', '#/webhooks/ping/post']);
  assert.is(hooks.find((h) => h.key === 'viaRef')?.body.pointer, '#/components/pathItems/Shared/post/requestBody/content/application~1json/schema');
});

test('webhook names that would change what the webhooks object means are renamed with a warning', () => {
  const warnings: string[] = [];
  const hooks = collectWebhooks({ webhooks: { then: hook(), __proto__: hook(), constructor: hook() } }, { warn: (pointer) => warnings.push(pointer) });
  assert.equal(hooks.map((h) => h.name).sort(), ['constructor_', 'then_']);
  assert.equal(warnings.sort(), ['#/webhooks/constructor/post', '#/webhooks/then/post']);
});

test('a webhooks-only spec generates an SDK that type-checks under tsc --strict on its own', async () => {
  const out = join(await scratch('webhooks-only'), 'sdk');
  const result = await generate({ spec: hookOnly, out, runtimeDir: join(root, 'src') });
  assert.is(result.operations, 0);
  assert.ok((await readdir(out)).includes('webhooks.ts'));
  const tsc = await typecheckFolder(out);
  assert.ok(tsc.ok, tsc.output);
});

const delivered = { parcelId: 'p-1', deliveredAt: '2024-05-01T10:00:00Z', signature: { name: 'Ada' } };

test('parse accepts JSON text, bytes and parsed values and answers the payload', () => {
  const text = JSON.stringify(delivered);
  assert.equal(webhooks.parcelDelivered.parse(text), delivered);
  assert.equal(webhooks.parcelDelivered.parse(new TextEncoder().encode(text)), delivered);
  assert.equal(webhooks.parcelDelivered.parse(Buffer.from(text)), delivered);
  assert.equal(webhooks.parcelDelivered.parse(delivered), delivered);
  assert.equal(webhooks.default.parse('[1, 2, 3]'), [1, 2, 3]);
  assert.equal(webhooks.parcelLost.parse({ parcelId: 'p', lostAt: '2024-05-01T10:00:00Z', reason: null }).reason, null);
});

function rejection(run: () => unknown): NetworkError {
  try {
    run();
  } catch (error) {
    assert.ok(isNetworkError(error), String(error));
    return error as NetworkError;
  }
  throw new Error('expected a NetworkError');
}

test('an invalid payload is a VALIDATION NetworkError naming every failing path, never the values', () => {
  const bad = { parcelId: '', deliveredAt: 'yesterday', signature: {}, attempts: 0, secret: 's3cr3t-value' };
  const error = rejection(() => webhooks.parcelDelivered.parse(JSON.stringify(bad)));
  assert.is(error.type, 'VALIDATION');
  assert.is(error.source, 'server');
  assert.is(error.status, undefined);
  assert.is(error.attempts, 0);
  assert.equal(Object.keys(error.fieldErrors ?? {}).sort(), ['attempts', 'deliveredAt', 'parcelId', 'signature.name']);
  assert.match(error.message, /parcelDelivered/);
  assert.match(error.message, /signature\.name/);
  assert.not.match(error.message, /yesterday/);
  const items = rejection(() => webhooks.default.parse([1, -1, 'x']));
  assert.equal(Object.keys(items.fieldErrors ?? {}).sort(), ['[1]', '[2]']);
});

test('text that is not JSON is a VALIDATION error at the root, with the syntax error as cause', () => {
  const error = rejection(() => webhooks.parcelDelivered.parse('{"parcelId": '));
  assert.is(error.type, 'VALIDATION');
  assert.equal(Object.keys(error.fieldErrors ?? {}), ['']);
  assert.instance(error.cause, SyntaxError);
});

test('safeParse answers { data } or { error } and never throws a NetworkError', () => {
  const ok = webhooks.parcelDelivered.safeParse(delivered);
  assert.equal(ok, { data: delivered });
  const bad = webhooks.parcelDelivered.safeParse('not json');
  assert.is(bad.data, undefined);
  assert.is(bad.error?.type, 'VALIDATION');
});

test('webhooks next to paths: writeOnly fields are not required of payloads, defaults may be absent', () => {
  const account = { id: 'acc_1', email: 'a@example.com', createdAt: '2024-05-01T10:00:00Z' };
  assert.equal(accountHooks.accountCreated.parse(account), account);
  assert.equal(accountHooks.accountClosed.parse({ accountId: 'acc_1', closedAt: '2024-05-01T10:00:00Z' }).reason, undefined);
  const error = rejection(() => accountHooks.accountClosed.parse({ accountId: 'acc_1', closedAt: '2024-05-01T10:00:00Z', reason: 'bored' }));
  assert.equal(Object.keys(error.fieldErrors ?? {}), ['reason']);
});

test("the Shop API's orderShipped webhook parses its event and rejects a broken order inside it", () => {
  const category = { id: 'c1', slug: 'mugs', name: 'Mugs', parent: null };
  const event = {
    eventId: '7f8c7a3e-3c2b-4a4e-9c1a-0a4b2c7d9e10',
    occurredAt: '2024-05-01T10:00:00Z',
    carrier: 'DHL',
    trackingNumber: 'JD0146',
    order: {
      id: '0b0c7f0e-1d7e-4a35-9b5a-1f2a3b4c5d6e',
      userId: '1b0c7f0e-1d7e-4a35-9b5a-1f2a3b4c5d6e',
      status: 'shipped',
      items: [{ sku: 'MUG-LOGO', name: 'Logo mug', quantity: 1, unitPrice: { amount: '9.99', currency: 'EUR' }, category }],
      total: { amount: '9.99', currency: 'EUR' },
      note: null,
      shippingAddress: { name: 'A', line1: 'l', city: 'c', postalCode: 'p', country: 'DE' },
      paymentMethod: null,
      createdAt: '2024-05-01T09:00:00Z',
      updatedAt: '2024-05-01T10:00:00Z',
      version: 2,
    },
  };
  const result = shopWebhooks.orderShipped.safeParse(JSON.stringify(event));
  assert.is(result.error, undefined, result.error?.message);
  assert.is(result.data?.trackingNumber, 'JD0146');
  const broken = shopWebhooks.orderShipped.safeParse({ ...event, order: { ...event.order, version: 0 } });
  assert.equal(Object.keys(broken.error?.fieldErrors ?? {}), ['order.version']);
});

// This suite's scratch folders go with it (the runner removes the rest of its run folder).
test.after(() => cleanScratch('webhook-spec', 'webhooks-only'));

test.run();
