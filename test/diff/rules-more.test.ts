/**
 * The report's later rules, each with a breaking case and a harmless twin: declared response
 * headers, readOnly/writeOnly, additionalProperties, discriminator mappings and webhooks.
 */
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { base, diff, edited, lines, type Doc } from './helpers.js';

const thing = (doc: Doc): Doc => doc.components.schemas.Thing;
const input = (doc: Doc): Doc => doc.components.schemas.ThingInput;
const ok200 = (doc: Doc): Doc => doc.paths['/things/{id}'].get.responses['200'];

/** Asserts the report's lines are exactly these prefixes, in any order. */
function expectExactly(before: Doc, after: Doc, want: string[]): void {
  const got = lines(diff(before, after));
  assert.is(got.length, want.length, `want ${want.length}:\n${want.join('\n')}\ngot:\n${got.join('\n')}`);
  for (const prefix of want) assert.ok(got.some((l) => l.startsWith(prefix)), `missing ${prefix}\n${got.join('\n')}`);
}

const withHeaders = (): Doc => edited((d) => {
  ok200(d).headers = { ETag: { required: true, schema: { type: 'string' } }, 'X-Rate-Remaining': { schema: { type: 'integer' } } };
  d.paths['/things/{id}'].get.responses['404'].headers = { 'X-Request-Id': { schema: { type: 'string' } } };
});

test('response header removed from a success breaks readers; from an error it is noted', () => {
  const after = structuredClone(withHeaders());
  delete after.paths['/things/{id}'].get.responses['200'].headers.ETag;
  expectExactly(withHeaders(), after, ['response-header breaking sdk.things.getThing: response 200 header ETag removed']);
  const errorOnly = structuredClone(withHeaders());
  delete errorOnly.paths['/things/{id}'].get.responses['404'].headers;
  expectExactly(withHeaders(), errorOnly, ['response-header ok sdk.things.getThing: response 404 header X-Request-Id removed']);
});

test('response header: added is harmless, became optional or changed type breaks; names are case-insensitive', () => {
  const added = structuredClone(withHeaders());
  ok200(added).headers['Last-Modified'] = { schema: { type: 'string' } };
  expectExactly(withHeaders(), added, ['response-header ok sdk.things.getThing: response 200 header Last-Modified added']);
  const optional = structuredClone(withHeaders());
  ok200(optional).headers.ETag.required = false;
  expectExactly(withHeaders(), optional, ['response-header breaking sdk.things.getThing: response 200 header ETag became optional']);
  const retyped = structuredClone(withHeaders());
  ok200(retyped).headers['X-Rate-Remaining'].schema = { type: 'string' };
  expectExactly(withHeaders(), retyped, ['type-changed breaking sdk.things.getThing response 200 header X-Rate-Remaining: response type changed (integer → string)']);
  const recased = structuredClone(withHeaders());
  ok200(recased).headers = { etag: ok200(recased).headers.ETag, 'x-rate-remaining': ok200(recased).headers['X-Rate-Remaining'] };
  expectExactly(withHeaders(), recased, []);
  // A header moved into components/headers behind a $ref is the same header.
  const viaRef = structuredClone(withHeaders());
  viaRef.components.headers = { ETag: ok200(viaRef).headers.ETag };
  ok200(viaRef).headers.ETag = { $ref: '#/components/headers/ETag' };
  expectExactly(withHeaders(), viaRef, []);
});

test('readOnly: a request field becoming readOnly breaks writers; readOnly dropped from an optional field does not', () => {
  expectExactly(base(), edited((d) => (input(d).properties.note.readOnly = true)), ['read-write breaking ThingInput: request field note became readOnly']);
  const before = edited((d) => (input(d).properties.note.readOnly = true));
  expectExactly(before, base(), ['read-write ok ThingInput: request field note is no longer readOnly']);
  // Not in requests on either side: adding a readOnly field to a request schema says nothing.
  expectExactly(base(), edited((d) => (input(d).properties.id = { type: 'string', readOnly: true })), []);
});

test('writeOnly: a response field becoming writeOnly breaks readers; a new writeOnly field is not a response field', () => {
  expectExactly(base(), edited((d) => (thing(d).properties.note.writeOnly = true)), ['read-write breaking Thing: response field note became writeOnly']);
  expectExactly(base(), edited((d) => (thing(d).properties.secret = { type: 'string', writeOnly: true })), []);
});

const withMap = (extra: unknown): Doc => edited((d) => (thing(d).properties.labels = { type: 'object', ...(extra === undefined ? {} : { additionalProperties: extra }) }));
const withInputMap = (extra: unknown): Doc => edited((d) => (input(d).properties.labels = { type: 'object', ...(extra === undefined ? {} : { additionalProperties: extra }) }));

test('additionalProperties in responses: a typed map turning untyped or closed breaks; the reverse does not', () => {
  expectExactly(withMap({ type: 'string' }), withMap(undefined), ['additional-properties breaking Thing.labels: response additionalProperties typed → open']);
  expectExactly(withMap({ type: 'string' }), withMap(false), ['additional-properties breaking Thing.labels: response additionalProperties typed → closed']);
  expectExactly(withMap(undefined), withMap({ type: 'string' }), ['additional-properties ok Thing.labels: response additionalProperties open → typed']);
  // Map values compared as schemas.
  expectExactly(withMap({ type: 'string' }), withMap({ type: 'integer' }), ['type-changed breaking Thing.labels{}: response type changed (string → integer)']);
});

test('additionalProperties in requests: typing or closing an open map breaks writers; opening it does not', () => {
  expectExactly(withInputMap(undefined), withInputMap({ type: 'string' }), ['additional-properties breaking ThingInput.labels: request additionalProperties open → typed']);
  expectExactly(withInputMap({ type: 'string' }), withInputMap(false), ['additional-properties breaking ThingInput.labels: request additionalProperties typed → closed']);
  expectExactly(withInputMap({ type: 'string' }), withInputMap(true), ['additional-properties ok ThingInput.labels: request additionalProperties typed → open']);
});

const withUnion = (mapping: Record<string, string>, propertyName = 'kind'): Doc => edited((d) => {
  d.components.schemas.Cat = { type: 'object', required: ['kind'], properties: { kind: { type: 'string' }, meow: { type: 'boolean' } } };
  d.components.schemas.Dog = { type: 'object', required: ['kind'], properties: { kind: { type: 'string' }, bark: { type: 'boolean' } } };
  d.components.schemas.Pet = { oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }], discriminator: { propertyName, mapping } };
  thing(d).properties.pet = { $ref: '#/components/schemas/Pet' };
});
const CAT = '#/components/schemas/Cat';
const DOG = '#/components/schemas/Dog';

test('discriminator mapping: a new value breaks readers, a value gone does not; the property renamed breaks', () => {
  expectExactly(withUnion({ cat: CAT }), withUnion({ cat: CAT, dog: DOG }), ['discriminator breaking Pet: response discriminator kind now maps dog']);
  expectExactly(withUnion({ cat: CAT, dog: DOG }), withUnion({ cat: CAT }), ['discriminator ok Pet: response discriminator kind no longer maps dog']);
  expectExactly(withUnion({ cat: CAT }), withUnion({ cat: CAT }, 'type'), ['discriminator breaking Pet: response discriminator property changed (kind → type)']);
  expectExactly(withUnion({ cat: CAT, dog: DOG }), withUnion({ cat: CAT, dog: DOG }), []);
});

const withHooks = (edit: (hooks: Doc) => void = () => undefined): Doc => edited((d) => {
  d.webhooks = {
    'thing.updated': { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } }, responses: { '200': { description: 'ok' } } } },
    'thing.deleted': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } } } }, responses: { '200': { description: 'ok' } } } },
  };
  edit(d.webhooks);
});

test('webhooks: removed breaks, added does not; payloads are judged as what the app reads', () => {
  expectExactly(withHooks(), withHooks((h) => delete h['thing.deleted']), ['webhook-removed breaking webhooks.thingDeleted']);
  expectExactly(withHooks((h) => delete h['thing.deleted']), withHooks(), ['webhook-added ok webhooks.thingDeleted']);
  const widened = withHooks((h) => (h['thing.deleted'].post.requestBody.content['application/json'].schema.properties.reason = { type: 'string' }));
  expectExactly(withHooks(), widened, ['field-added ok webhooks.thingDeleted payload: response field reason added (optional)']);
  const gone = withHooks((h) => delete h['thing.deleted'].post.requestBody.content['application/json'].schema.properties.id);
  const report = diff(withHooks(), gone);
  assert.equal(lines(report).map((l) => l.split(':')[0]), ['field-removed breaking webhooks.thingDeleted payload']);
  assert.equal(report.changes[0]!.operations, ['webhooks.thingDeleted']);
});

test.run();
