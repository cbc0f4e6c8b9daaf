/**
 * Parameters pay per operation: the default serializer (service/params/default-params.ts) that
 * every operation without a `paramCodec` uses writes exactly what the full one writes for
 * default styles, and refuses what it cannot write (descriptors, cookies, styled templates)
 * instead of sending it wrong. Attempts are built by the real attempt builder; nothing is sent.
 */
import { suite } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import type { OperationMeta, ParameterMeta } from '../../src/contract/operation.js';
import { attemptBuilder } from '../../src/service/build-attempt.js';
import { ParameterSerializationError } from '../../src/service/params/errors.js';
import { formQuery } from '../../src/service/params/form-query.js';
import { serializeQuery } from '../../src/service/params/query.js';
import { styledParams } from '../../src/service/params/styled-params.js';
import { fillPath, fillSimplePath } from '../../src/service/path-template.js';

const test = suite('parameters: default serializer vs paramCodec');

function meta(path: string, extra: Partial<OperationMeta> = {}): OperationMeta {
  return {
    id: 't.op', operationId: 'op', method: 'get', path, tag: 't', idempotent: true, idempotencyKeyHeader: undefined, security: [],
    successStatuses: ['200'], errorStatuses: [], requestContentType: undefined, responseKind: 'json', pagination: undefined,
    cacheable: false, deprecated: false, authRole: undefined, schemas: {}, ...extra,
  };
}

const build = attemptBuilder('https://api.example.com', {});

/** The text, or the refusal's code. */
function outcome(run: () => string): string {
  try {
    return run();
  } catch (error) {
    if (error instanceof ParameterSerializationError) return `refused: ${error.code}`;
    throw error;
  }
}

function refusal(run: () => unknown): ParameterSerializationError {
  try {
    run();
  } catch (error) {
    assert.instance(error, ParameterSerializationError);
    return error as ParameterSerializationError;
  }
  throw new assert.Assertion({ message: 'expected a ParameterSerializationError', generated: false, operator: 'throws', expects: 'throw', actual: 'returned' });
}

// Values a default-style parameter may hold: primitives, arrays of them, flat objects of them, absent.
const primitive = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.date({ noInvalidDate: true }));
const value = fc.oneof(primitive, fc.array(fc.option(primitive)), fc.dictionary(fc.string(), fc.option(primitive)), fc.constantFrom(undefined, null));
// Lone surrogates are refused by both (tested in wire/params-*); keep text well-formed here.
const wellFormed = (v: unknown): boolean => !/[\uD800-\uDFFF]/.test(JSON.stringify(v) ?? '');

// Every name explode: false, as a descriptor map gives it.
const unexploded = (values: Record<string, unknown>, location: ParameterMeta['in']): ReadonlyMap<string, ParameterMeta> =>
  new Map(Object.keys(values).map((name) => [name, { name, in: location, explode: false }]));

test('formQuery writes what the full serializer writes for form query parameters, exploded or not', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), value), (values) => {
      fc.pre(wellFormed(values));
      assert.is(formQuery(values), serializeQuery(values, undefined));
      assert.is(formQuery(values, unexploded(values, 'query')), serializeQuery(values, unexploded(values, 'query')));
    }),
    { numRuns: 300 },
  );
});

test('fillSimplePath writes what the full serializer writes for simple placeholders, {x*} included', () => {
  fc.assert(
    fc.property(fc.record({ a: value, b: value }), (values) => {
      fc.pre(wellFormed(values));
      const exploded = new Map<string, ParameterMeta>([['b', { name: 'b', in: 'path', explode: true }]]);
      for (const [template, params] of [['/x/{a}/y/{b}', undefined], ['/x/{a*}.{b}', undefined], ['/x/{a}/{b}', exploded]] as const) {
        const full = outcome(() => fillPath('', template, values, params));
        assert.is(outcome(() => fillSimplePath('', template, values, params)), full, template);
      }
    }),
    { numRuns: 300 },
  );
});

test('an operation whose metadata has descriptors but no paramCodec is refused, naming the parameter', () => {
  const op = meta('/orders', { params: [{ name: 'filter', in: 'query', style: 'deepObject' }] });
  const error = refusal(() => build(op, { params: { query: { filter: { a: '1' } } } }, undefined));
  assert.is(error.code, 'unsupported_value');
  assert.is(error.location, 'query');
  assert.is(error.parameter, 'filter');
  const url = build({ ...op, paramCodec: styledParams }, { params: { query: { filter: { a: '1' } } } }, undefined).url;
  assert.is(url, 'https://api.example.com/orders?filter%5Ba%5D=1');
});

test('descriptors that only change explode need no paramCodec: path, query and header follow them', () => {
  const op = meta('/users/{id}', {
    params: [
      { name: 'id', in: 'path', explode: true },
      { name: 'ids', in: 'query', explode: false },
      { name: 'X-Obj', in: 'header', explode: true },
    ],
  });
  const attempt = build(op, { params: { path: { id: { a: 1, b: 2 } }, query: { ids: [1, 2], q: ['x', 'y'] }, header: { 'X-Obj': { k: 'v', l: 'w' } } } }, undefined);
  assert.is(attempt.url, 'https://api.example.com/users/a=1,b=2?ids=1,2&q=x&q=y');
  assert.is(attempt.headers.get('x-obj'), 'k=v,l=w');
});

test('cookie values without a paramCodec are refused, never dropped; with it they are one Cookie header', () => {
  const op = meta('/me');
  const error = refusal(() => build(op, { params: { cookie: { session: 's', none: undefined } } }, undefined));
  assert.is(error.location, 'cookie');
  assert.is(error.parameter, 'session');
  assert.is(build(op, { params: { cookie: { none: undefined } } }, undefined).headers.get('cookie'), null, 'absent values are nothing to refuse');
  assert.is(build({ ...op, paramCodec: styledParams }, { params: { cookie: { session: 's' } } }, undefined).headers.get('cookie'), 'session=s');
});

test('a label or matrix template without a paramCodec is refused; with it the value is expanded', () => {
  for (const [template, want] of [['/a/{.x}', '/a/.v'], ['/a/{;x}', '/a/;x=v']] as const) {
    const error = refusal(() => build(meta(template), { params: { path: { x: 'v' } } }, undefined));
    assert.is(error.location, 'path');
    assert.is(build(meta(template, { paramCodec: styledParams }), { params: { path: { x: 'v' } } }, undefined).url, `https://api.example.com${want}`);
  }
});

test('default operations still build their attempt: simple path, exploded form query, header parameters', () => {
  const attempt = build(meta('/users/{id}'), { params: { path: { id: 'a b' }, query: { tag: ['x', 'y'], q: 'z' }, header: { 'X-Ids': [1, 2] } } }, undefined);
  assert.is(attempt.url, 'https://api.example.com/users/a%20b?tag=x&tag=y&q=z');
  assert.is(attempt.headers.get('x-ids'), '1,2');
});

test.run();
