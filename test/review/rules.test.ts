/** Each rule: a spec fragment (or options) that triggers it and one that does not. */
import * as assert from 'uvu/assert';
import { suite } from '../helpers/timed-suite.js';
import { errors, fired, json, review, spec, unassessed } from './fragment.js';

const test = suite('review rules');
const secure = { baseUrl: 'https://api.example.com', auth: { tokenStore: 'secure' }, cache: { strategy: 'cache-first' }, offline: {} };
const bearer = { components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } }, security: [{ bearer: [] }] };
const cached = { ETag: { schema: { type: 'string' } } };
const thing = { type: 'object', properties: { id: { type: 'string' } } };
const get = (extra: Record<string, unknown> = {}) => ({ operationId: 'getThing', tags: ['things'], responses: { '200': json(thing, cached), ...errors }, ...extra });

async function expectRule(id: string, bad: Promise<unknown>, good: Promise<unknown>): Promise<void> {
  const [b, g] = (await Promise.all([bad, good])) as [Parameters<typeof fired>[0], Parameters<typeof fired>[0]];
  assert.ok(fired(b).has(id), `${id} should fire; fired: ${[...fired(b)].join(', ')}`);
  assert.not.ok(fired(g).has(id), `${id} should not fire on the good fragment`);
}

test('insecure-transport: a plain-http server or baseUrl, not loopback or https', async () => {
  await expectRule(
    'insecure-transport',
    review(spec({ '/t': { get: get() } }, { servers: [{ url: 'http://api.example.com' }] }), secure),
    review(spec({ '/t': { get: get() } }, { servers: [{ url: 'https://api.example.com' }, { url: 'http://127.0.0.1:8787' }] }), secure),
  );
  const reports = await review(spec({ '/t': { get: get() } }), { ...secure, baseUrl: 'http://10.0.0.2', allowInsecureHttp: true });
  assert.ok(fired(reports).has('insecure-transport'));
  assert.is(reports[0]!.security.dataInTransit, 'EXPOSED');
});

test('idempotency-key: POST/PATCH without an Idempotency-Key header', async () => {
  const post = (parameters: unknown[]) => ({ '/t': { post: { operationId: 'createThing', tags: ['things'], parameters, responses: { '201': json(thing), ...errors } } } });
  await expectRule(
    'idempotency-key',
    review(spec(post([])), secure),
    review(spec(post([{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } }])), secure),
  );
});

test('list-pagination: a GET collection returning a bare array; not a cursor page', async () => {
  const page = { type: 'object', properties: { items: { type: 'array', maxItems: 50, items: thing }, nextCursor: { type: ['string', 'null'] } } };
  await expectRule(
    'list-pagination',
    review(spec({ '/things': { get: get({ responses: { '200': json({ type: 'array', items: thing }, cached), ...errors } }) } }), secure),
    review(spec({ '/things': { get: get({ parameters: [{ name: 'cursor', in: 'query', schema: { type: 'string' } }], responses: { '200': json(page, cached), ...errors } }) } }), secure),
  );
  // A resource holding an array (an order's lines) is not a list.
  const order = { type: 'object', properties: { lines: { type: 'array', items: thing } } };
  assert.not.ok(fired(await review(spec({ '/orders/{id}': { get: get({ parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': json(order, cached), ...errors } }) } }), secure)).has('list-pagination'));
});

test('unbounded-response: a page array without maxItems; with maxItems it is bounded', async () => {
  const page = (maxItems?: number) => ({ type: 'object', properties: { items: { type: 'array', items: thing, ...(maxItems ? { maxItems } : {}) }, nextCursor: { type: 'string' } } });
  const op = (maxItems?: number) => ({ '/things': { get: get({ parameters: [{ name: 'cursor', in: 'query', schema: { type: 'string' } }], responses: { '200': json(page(maxItems), cached), ...errors } }) } });
  await expectRule('unbounded-response', review(spec(op()), secure), review(spec(op(100)), secure));
});

test('error-schemas: no 4xx (or 4xx without a schema); declared problem bodies pass', async () => {
  await expectRule(
    'error-schemas',
    review(spec({ '/t': { get: get({ responses: { '200': json(thing, cached), '404': { description: 'missing' }, '429': errors['429'] } }) } }), secure),
    review(spec({ '/t': { get: get() } }), secure),
  );
});

test('bearer-refresh: bearer auth and no refresh operation; an x-tether-auth refresh fixes it', async () => {
  const refresh = { post: { operationId: 'refresh', tags: ['auth'], 'x-tether-auth': 'refresh', security: [], parameters: [{ name: 'Idempotency-Key', in: 'header', schema: { type: 'string' } }], responses: { '200': json(thing), ...errors } } };
  await expectRule('bearer-refresh', review(spec({ '/t': { get: get() } }, bearer), secure), review(spec({ '/t': { get: get() }, '/auth/refresh': refresh }, bearer), secure));
});

test('api-key-in-query: an apiKey scheme in the query; in a header it passes', async () => {
  const scheme = (where: string) => ({ components: { securitySchemes: { key: { type: 'apiKey', in: where, name: 'api_key' } } }, security: [{ key: [] }] });
  await expectRule('api-key-in-query', review(spec({ '/t': { get: get() } }, scheme('query')), secure), review(spec({ '/t': { get: get() } }, scheme('header')), secure));
});

test('cache-validators: a JSON GET without ETag/Cache-Control', async () => {
  await expectRule('cache-validators', review(spec({ '/t': { get: get({ responses: { '200': json(thing), ...errors } }) } }), secure), review(spec({ '/t': { get: get() } }), secure));
});

test('sync-feed: lists and no `since` anywhere; a since parameter passes', async () => {
  const list = (params: unknown[]) => ({ '/things': { get: get({ parameters: params, responses: { '200': json({ type: 'array', items: thing }, cached), ...errors } }) } });
  await expectRule('sync-feed', review(spec(list([])), secure), review(spec(list([{ name: 'updatedSince', in: 'query', schema: { type: 'string' } }])), secure));
});

test('rate-limit: no 429, or a 429 without Retry-After', async () => {
  const { '429': _, ...no429 } = errors;
  await expectRule('rate-limit', review(spec({ '/t': { get: get({ responses: { '200': json(thing, cached), ...no429 } }) } }), secure), review(spec({ '/t': { get: get() } }), secure));
  const bare = await review(spec({ '/t': { get: get({ responses: { '200': json(thing, cached), ...no429, '429': { description: 'slow down' } } }) } }), secure);
  assert.ok(bare[0]!.issues.find((f) => f.rule === 'rate-limit')?.description.includes('429 without Retry-After'));
});

test('retry-disabled: retry false or maxRetries 0; defaults pass', async () => {
  const doc = spec({ '/t': { get: get() } });
  await expectRule('retry-disabled', review(doc, { ...secure, retry: false }), review(doc, secure));
  const reports = await review(doc, { ...secure, retry: { maxRetries: 0 } });
  assert.ok(fired(reports).has('retry-disabled'));
  assert.is(reports[0]!.reliability.retryLogic, 'NO');
  assert.is(reports[0]!.risk.rollbackComplexity, 'EASY', 'an option change is an easy rollback');
});

test('cache-off: options without `cache` name the reads; with a cache, or no options given, it does not fire', async () => {
  const doc = spec({ '/t': { get: get(), post: { operationId: 'createThing', tags: ['things'], responses: { '201': json(thing), ...errors } } } });
  const { cache: _, ...uncached } = secure;
  await expectRule('cache-off', review(doc, uncached), review(doc, secure));
  const reports = await review(doc, uncached);
  assert.is(reports[0]!.architecture.caching, 'MISSING');
  assert.equal(reports[0]!.issues.find((f) => f.rule === 'cache-off')?.operations, ['sdk.things.getThing']);
  assert.ok(fired(await review(doc, { ...secure, cache: false })).has('cache-off'), '`cache: false` is no cache');
  assert.not.ok(fired(await review(doc)).has('cache-off'), 'without options the review does not guess');
});

test('offline-queue: options without `offline` name the mutations; reads alone, or `offline` set, pass', async () => {
  const doc = spec({ '/t': { get: get(), post: { operationId: 'createThing', tags: ['things'], responses: { '201': json(thing), ...errors } } } });
  const { offline: _, ...online } = secure;
  await expectRule('offline-queue', review(doc, online), review(doc, secure));
  const reports = await review(doc, online);
  assert.is(reports[0]!.reliability.offlineSupport, 'NO');
  assert.equal(reports[0]!.issues.find((f) => f.rule === 'offline-queue')?.operations, ['sdk.things.createThing']);
  assert.not.ok(fired(await review(spec({ '/t': { get: get() } }), online)).has('offline-queue'), 'no mutations, nothing to queue');
});

test('timeout-patience: timeoutMs above 30 s; 15 s passes', async () => {
  const doc = spec({ '/t': { get: get() } });
  await expectRule('timeout-patience', review(doc, { ...secure, timeoutMs: 90_000 }), review(doc, { ...secure, timeoutMs: 15_000 }));
});

test('token-storage: plaintext or memory on mobile; secure passes; memory on the web passes; no options is not assessed', async () => {
  const doc = spec({ '/t': { get: get() } }, bearer);
  await expectRule('token-storage', review(doc, { ...secure, auth: { tokenStore: 'plaintext' } }), review(doc, secure));
  assert.ok(fired(await review(doc, { ...secure, auth: { tokenStore: 'memory' } })).has('token-storage'));
  assert.not.ok(fired(await review(doc, { ...secure, auth: { tokenStore: 'memory' } }, 'web')).has('token-storage'));
  const none = await review(doc);
  assert.ok(unassessed(none).has('token-storage'));
  assert.is(none[0]!.risk.productionRisk, 'HIGH', 'what cannot be assessed makes the risk HIGH');
});

test("validate-off: validate 'off'; 'warn' passes", async () => {
  const doc = spec({ '/t': { get: get() } });
  await expectRule('validate-off', review(doc, { ...secure, validate: 'off' }), review(doc, { ...secure, validate: 'warn' }));
});

test('operation-id: an operation without operationId', async () => {
  const { operationId: _, ...anonymous } = get();
  await expectRule('operation-id', review(spec({ '/t': { get: anonymous } }), secure), review(spec({ '/t': { get: get() } }), secure));
});

test('mutation-security: a DELETE with no security; with bearer it passes', async () => {
  const del = (security?: unknown) => ({ '/t/{id}': { delete: { operationId: 'deleteThing', tags: ['things'], ...(security ? { security } : {}), parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '204': { description: 'gone' }, ...errors } } } });
  await expectRule('mutation-security', review(spec(del())), review(spec(del([{ bearer: [] }]), bearer), secure));
});

test('a clean fragment: every verdict positive, LOW / LOCAL / EASY', async () => {
  const [report] = await review(spec({ '/t': { get: get() } }), secure);
  assert.equal(report!.issues, []);
  assert.equal(report!.notAssessed, []);
  assert.equal(report!.risk, { productionRisk: 'LOW', userImpact: 'LOCAL', rollbackComplexity: 'EASY' });
  assert.is(report!.security.tokenManagement, 'SECURE');
});

test('risk: a breaking fix is HARD, a finding across services is SYSTEMIC, several operations of one service PARTIAL', async () => {
  const { operationId: _, ...anonymous } = get();
  const hard = await review(spec({ '/a': { get: { ...anonymous, tags: ['a'] } }, '/b': { get: { ...anonymous, tags: ['b'] } } }), secure);
  assert.is(hard[0]!.risk.rollbackComplexity, 'HARD');
  assert.is(hard[0]!.risk.userImpact, 'SYSTEMIC');
  const post = (id: string) => ({ post: { operationId: id, tags: ['things'], responses: { '201': json(thing), ...errors } } });
  const partial = await review(spec({ '/t': { get: get(), ...post('one') }, '/u': post('two') }), secure);
  assert.is(partial[0]!.risk.userImpact, 'PARTIAL');
  assert.is(partial[0]!.risk.productionRisk, 'HIGH');
  assert.is(partial[0]!.architecture.retryStrategy, 'MISSING');
});

test.run();
