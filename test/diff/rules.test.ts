/**
 * One case per rule of the breaking-change report: a minimal edit of a small API, the change it
 * must report (rule, breaking or not, subject) and, for the harmless twin, that nothing breaks.
 */
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { base, diff, edited, lines, type Doc } from './helpers.js';

interface Case {
  name: string;
  before?: Doc;
  after: Doc;
  /** Every change expected, as `rule breaking|ok subject` prefixes; none means no change at all. */
  want: string[];
}

const thing = (doc: Doc): Doc => doc.components.schemas.Thing;
const input = (doc: Doc): Doc => doc.components.schemas.ThingInput;
const getOp = (doc: Doc): Doc => doc.paths['/things/{id}'].get;
const postOp = (doc: Doc): Doc => doc.paths['/things'].post;

const CASES: Case[] = [
  { name: 'identical specs', after: base(), want: [] },
  {
    name: '$ref indirection and a renamed component change nothing',
    after: edited((d) => {
      d.components.schemas.Item = d.components.schemas.Thing;
      delete d.components.schemas.Thing;
      getOp(d).responses['200'].content['application/json'].schema = { $ref: '#/components/schemas/Item' };
      postOp(d).responses['201'].content['application/json'].schema = { $ref: '#/components/schemas/Item' };
      // Inline a referenced schema: same shape, no ref.
      postOp(d).requestBody.content['application/json'].schema = structuredClone(d.components.schemas.ThingInput);
    }),
    want: [],
  },
  { name: 'operation removed', after: edited((d) => delete d.paths['/things']), want: ['operation-removed breaking sdk.things.createThing'] },
  { name: 'operation added', before: edited((d) => delete d.paths['/things']), after: base(), want: ['operation-added ok sdk.things.createThing'] },
  {
    name: 'operation renamed (same method and path, new operationId)',
    after: edited((d) => (getOp(d).operationId = 'fetchThing')),
    want: ['operation-renamed breaking sdk.things.getThing'],
  },
  {
    name: 'operation moved (same operationId, new path)',
    after: edited((d) => {
      d.paths['/items/{id}'] = d.paths['/things/{id}'];
      delete d.paths['/things/{id}'];
    }),
    want: ['operation-moved breaking sdk.things.getThing'],
  },
  { name: 'renamed path parameter only: same route', after: edited((d) => {
    getOp(d).parameters[0].name = 'thingId';
    d.paths['/things/{thingId}'] = d.paths['/things/{id}'];
    delete d.paths['/things/{id}'];
  }), want: ['parameter-removed breaking sdk.things.getThing', 'parameter-added breaking sdk.things.getThing'] },
  { name: 'operation deprecated', after: edited((d) => (getOp(d).deprecated = true)), want: ['operation-deprecated ok sdk.things.getThing'] },
  { name: 'response field removed', after: edited((d) => delete thing(d).properties.note), want: ['field-removed breaking Thing'] },
  {
    name: 'response field renamed (same shape, new name)',
    after: edited((d) => {
      thing(d).properties.title = thing(d).properties.name;
      delete thing(d).properties.name;
      thing(d).required = ['id', 'title', 'status'];
    }),
    want: ['field-renamed breaking Thing'],
  },
  { name: 'optional response field added', after: edited((d) => (thing(d).properties.color = { type: 'string' })), want: ['field-added ok Thing'] },
  { name: 'optional request field added', after: edited((d) => (input(d).properties.color = { type: 'string' })), want: ['field-added ok ThingInput'] },
  {
    name: 'required request field added',
    after: edited((d) => {
      input(d).properties.color = { type: 'string' };
      input(d).required.push('color');
    }),
    want: ['field-added breaking ThingInput'],
  },
  { name: 'request field removed', after: edited((d) => delete input(d).properties.note), want: ['field-removed breaking ThingInput'] },
  { name: 'request field became required', after: edited((d) => input(d).required.push('note')), want: ['field-required breaking ThingInput'] },
  { name: 'request field became optional', after: edited((d) => (input(d).required = [])), want: ['field-required ok ThingInput'] },
  { name: 'response field became optional', after: edited((d) => (thing(d).required = ['id', 'name'])), want: ['field-required breaking Thing'] },
  { name: 'response field became required', after: edited((d) => thing(d).required.push('note')), want: ['field-required ok Thing'] },
  { name: 'response type changed', after: edited((d) => (thing(d).properties.size = { type: 'string' })), want: ['type-changed breaking Thing.size'] },
  { name: 'response integer → number widens what readers get', after: edited((d) => (thing(d).properties.size = { type: 'number' })), want: ['type-changed breaking Thing.size'] },
  { name: 'request type widened (string → string | integer)', after: edited((d) => (input(d).properties.note = { type: ['string', 'integer'] })), want: ['type-changed ok ThingInput.note'] },
  { name: 'response became nullable', after: edited((d) => (thing(d).properties.note = { type: ['string', 'null'] })), want: ['nullable breaking Thing.note'] },
  { name: 'response nullable via oneOf null (3.1 style) is the same as type null', before: edited((d) => (thing(d).properties.note = { type: ['string', 'null'] })), after: edited((d) => (thing(d).properties.note = { oneOf: [{ type: 'string' }, { type: 'null' }] })), want: [] },
  { name: 'request became nullable (3.0 nullable)', after: edited((d) => (input(d).properties.note = { type: 'string', nullable: true })), want: ['nullable ok ThingInput.note'] },
  { name: 'request no longer nullable', before: edited((d) => (input(d).properties.note = { type: ['string', 'null'] })), after: base(), want: ['nullable breaking ThingInput.note'] },
  { name: 'response enum narrowed', after: edited((d) => (thing(d).properties.status.enum = ['new'])), want: ['enum-narrowed ok Thing.status'] },
  { name: 'response enum widened breaks exhaustive switches', after: edited((d) => thing(d).properties.status.enum.push('archived')), want: ['enum-widened breaking Thing.status'] },
  { name: 'request enum narrowed', after: edited((d) => (input(d).properties.kind.enum = ['a'])), want: ['enum-narrowed breaking ThingInput.kind'] },
  { name: 'request enum widened', after: edited((d) => input(d).properties.kind.enum.push('c')), want: ['enum-widened ok ThingInput.kind'] },
  { name: 'query parameter enum narrowed', after: edited((d) => (getOp(d).parameters[1].schema.enum = ['owner'])), want: ['enum-narrowed breaking sdk.things.getThing query parameter expand'] },
  { name: 'format changed', after: edited((d) => (thing(d).properties.id = { type: 'string', format: 'uuid' })), want: ['format-changed ok Thing.id'] },
  { name: 'request maxLength tightened', after: edited((d) => (input(d).properties.name.maxLength = 20)), want: ['constraint breaking ThingInput.name'] },
  { name: 'request maxLength loosened', after: edited((d) => (input(d).properties.name.maxLength = 80)), want: ['constraint ok ThingInput.name'] },
  { name: 'array items type changed', after: edited((d) => (thing(d).properties.tags.items = { type: 'integer' })), want: ['type-changed breaking Thing.tags[]'] },
  {
    name: 'optional parameter added, then made required',
    after: edited((d) => getOp(d).parameters.push({ name: 'locale', in: 'query', schema: { type: 'string' } })),
    want: ['parameter-added ok sdk.things.getThing'],
  },
  { name: 'parameter became required', after: edited((d) => (getOp(d).parameters[1].required = true)), want: ['parameter-required breaking sdk.things.getThing'] },
  { name: 'parameter became optional', before: edited((d) => (getOp(d).parameters[1].required = true)), after: base(), want: ['parameter-required ok sdk.things.getThing'] },
  { name: 'parameter removed', after: edited((d) => getOp(d).parameters.pop()), want: ['parameter-removed breaking sdk.things.getThing'] },
  { name: 'parameter location changed', after: edited((d) => (getOp(d).parameters[1].in = 'header')), want: ['parameter-location breaking sdk.things.getThing'] },
  { name: 'parameter style changed', after: edited((d) => Object.assign(getOp(d).parameters[1], { style: 'form', explode: false })), want: ['parameter-style breaking sdk.things.getThing'] },
  { name: 'parameter header name case changes nothing', before: edited((d) => getOp(d).parameters.push({ name: 'X-Trace', in: 'header', schema: { type: 'string' } })), after: edited((d) => getOp(d).parameters.push({ name: 'x-trace', in: 'header', schema: { type: 'string' } })), want: [] },
  { name: 'request body became required', before: edited((d) => (postOp(d).requestBody.required = false)), after: base(), want: ['request-body breaking sdk.things.createThing'] },
  {
    name: 'request content type changed',
    after: edited((d) => {
      postOp(d).requestBody.content = { 'multipart/form-data': postOp(d).requestBody.content['application/json'] };
    }),
    want: ['content-type breaking sdk.things.createThing'],
  },
  {
    name: 'response content type changed',
    after: edited((d) => (getOp(d).responses['200'].content = { 'text/plain': { schema: { type: 'string' } } })),
    want: ['content-type breaking sdk.things.getThing'],
  },
  { name: 'error status added', after: edited((d) => (getOp(d).responses['429'] = { description: 'slow down' })), want: ['status-code ok sdk.things.getThing'] },
  { name: 'error status removed', after: edited((d) => delete getOp(d).responses['404']), want: ['status-code ok sdk.things.getThing'] },
  {
    name: 'new success status with a new body',
    after: edited((d) => (getOp(d).responses['202'] = { description: 'later', content: { 'application/json': { schema: { type: 'object', properties: { jobId: { type: 'string' } } } } } })),
    want: ['status-code breaking sdk.things.getThing'],
  },
  {
    name: 'new success status with a familiar body',
    after: edited((d) => (postOp(d).responses['200'] = postOp(d).responses['201'])),
    want: ['status-code ok sdk.things.createThing'],
  },
  { name: 'operation now requires auth', before: edited((d) => (getOp(d).security = [])), after: base(), want: ['security breaking sdk.things.getThing'] },
  { name: 'operation no longer requires auth', after: edited((d) => (getOp(d).security = [])), want: ['security ok sdk.things.getThing'] },
  {
    name: 'auth scheme switched',
    after: edited((d) => {
      d.components.securitySchemes.key = { type: 'apiKey', in: 'header', name: 'X-Key' };
      d.security = [{ key: [] }];
    }),
    want: ['security breaking sdk.things.createThing', 'security breaking sdk.things.getThing'],
  },
  { name: 'security scheme definition changed', after: edited((d) => (d.components.securitySchemes.bearer = { type: 'apiKey', in: 'query', name: 'token' })), want: ['security-scheme breaking security scheme bearer'] },
  { name: 'server changed', after: edited((d) => (d.servers = [{ url: 'https://api.example.com/v2' }])), want: ['server breaking server', 'server ok server'] },
  { name: 'server added', after: edited((d) => d.servers.push({ url: 'https://eu.api.example.com/v1' })), want: ['server ok server'] },
  {
    name: 'oneOf variant added to a response',
    before: edited((d) => (thing(d).properties.owner = { oneOf: [{ $ref: '#/components/schemas/ThingInput' }, { type: 'string' }] })),
    after: edited((d) => (thing(d).properties.owner = { oneOf: [{ $ref: '#/components/schemas/ThingInput' }, { type: 'string' }, { type: 'integer' }] })),
    want: ['variant-added breaking Thing.owner'],
  },
  {
    name: 'recursive schemas are compared without looping',
    before: edited((d) => (thing(d).properties.parent = { $ref: '#/components/schemas/Thing' })),
    after: edited((d) => {
      thing(d).properties.parent = { $ref: '#/components/schemas/Thing' };
      thing(d).properties.status.enum.push('archived');
    }),
    want: ['enum-widened breaking Thing.status'],
  },
];

for (const c of CASES) {
  test(c.name, () => {
    const report = diff(c.before ?? base(), c.after);
    const got = lines(report);
    const missing = c.want.filter((w) => !got.some((g) => g.startsWith(`${w}:`)));
    assert.equal(missing, [], `missing ${JSON.stringify(missing)} in\n${got.join('\n')}`);
    assert.is(got.length, c.want.length, `expected exactly ${c.want.length} change(s), got\n${got.join('\n')}`);
    assert.is(report.breaking, c.want.filter((w) => w.includes(' breaking ')).length);
  });
}

test('a change to a shared schema is reported once, naming every operation that uses it', () => {
  const report = diff(base(), edited((d) => delete thing(d).properties.note));
  assert.is(report.changes.length, 1);
  const [change] = report.changes;
  assert.equal(change?.operations, ['sdk.things.createThing', 'sdk.things.getThing']);
  assert.is(change?.oldPointer, '#/components/schemas/Thing/properties/note');
  assert.is(change?.newPointer, '#/components/schemas/Thing');
  assert.is(change?.direction, 'response');
});

test('widening a response enum says exhaustive switches break', () => {
  const report = diff(base(), edited((d) => thing(d).properties.status.enum.push('archived')));
  assert.match(report.changes[0]?.message ?? '', /exhaustive switch/);
});

test.run();
