/**
 * Property tests (fast-check): whatever strings an app passes, each serialized query and path
 * parameter parses back (with the small parsers below, written from the specification's rules)
 * to exactly the values given, and the text holds nothing but URL-safe characters. Values for
 * a delimited style exclude that style's own delimiter (space, `|`), and label values exclude
 * `.`: those styles cannot tell a delimiter in a value from a delimiter between values
 * (documented in docs/wire.md).
 */
import { suite } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import type { ParameterMeta, ParameterStyle } from '../../src/contract/operation.js';
import { classify, encodeReserved, encodeStrict } from '../../src/service/params/encode.js';
import { expandPath, type PathStyle } from '../../src/service/params/path.js';
import { serializeOne } from '../../src/service/params/query.js';

const test = suite('parameters: serialize → parse round trips');
const RUNS = { numRuns: 300 };

const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const key = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 });
const without = (chars: string) => text.map((s) => [...s].filter((c) => !chars.includes(c)).join(''));
const list = (item: fc.Arbitrary<string>) => fc.array(item, { minLength: 1, maxLength: 5 });
const record = (item: fc.Arbitrary<string>, excluded = '') =>
  fc.uniqueArray(fc.tuple(key.filter((k) => ![...excluded].some((c) => k.includes(c))), item), { minLength: 1, maxLength: 4, selector: ([k]) => k }).map((entries) => Object.fromEntries(entries) as Record<string, string>);

/** URL-safe: unreserved characters, %XX triples, and the delimiters a style itself adds. */
const SAFE_QUERY = /^(?:[A-Za-z0-9\-._~=&,]|%[0-9A-F]{2})*$/;
const SAFE_PATH = /^(?:[A-Za-z0-9\-._~=,;]|%[0-9A-F]{2})*$/;

const pairs = (query: string): Array<[string, string]> =>
  query === '' ? [] : query.split('&').map((p) => { const i = p.indexOf('='); return [decodeURIComponent(p.slice(0, i)), p.slice(i + 1)]; });
const DELIM: Record<string, string> = { form: ',', spaceDelimited: '%20', pipeDelimited: '%7C' };

/** Parses one query parameter back, per its style and explode. */
function parseQuery(name: string, query: string, style: ParameterStyle, explode: boolean, kind: 'primitive' | 'array' | 'object'): unknown {
  const all = pairs(query);
  const delim = DELIM[style] ?? ',';
  if (kind === 'primitive') return decodeURIComponent(all[0]![1]);
  if (kind === 'array') {
    if (explode) return all.map(([, v]) => decodeURIComponent(v));
    return all[0]![1].split(delim).map(decodeURIComponent);
  }
  if (style === 'deepObject') return Object.fromEntries(all.map(([k, v]) => [k.slice(name.length + 1, -1), decodeURIComponent(v)]));
  if (explode) return Object.fromEntries(all.map(([k, v]) => [k, decodeURIComponent(v)]));
  const parts = all[0]![1].split(delim).map(decodeURIComponent);
  return Object.fromEntries(parts.flatMap((p, i) => (i % 2 === 0 ? [[p, parts[i + 1]!]] : [])));
}

/** Parses one path expansion back, per its style and explode. */
function parsePath(name: string, text: string, style: PathStyle, explode: boolean, kind: 'primitive' | 'array' | 'object'): unknown {
  let body = text;
  if (style === 'label') body = text.slice(1);
  const d = decodeURIComponent;
  if (style === 'matrix') {
    const items = text.slice(1).split(';');
    const valueOf = (item: string): [string, string] => { const i = item.indexOf('='); return i === -1 ? [d(item), ''] : [d(item.slice(0, i)), item.slice(i + 1)]; };
    if (kind === 'object' && explode) return Object.fromEntries(items.map((item) => { const [k, v] = valueOf(item); return [k, d(v)]; }));
    if (kind === 'array' && explode) return items.map((item) => d(valueOf(item)[1]));
    body = valueOf(items[0]!)[1];
  }
  const sep = explode && style === 'label' ? '.' : ',';
  if (kind === 'primitive') return d(body);
  if (kind === 'array') return body.split(sep).map(d);
  if (explode) return Object.fromEntries(body.split(sep).map((p) => { const i = p.indexOf('='); return [d(p.slice(0, i)), d(p.slice(i + 1))]; }));
  const parts = body.split(',').map(d);
  return Object.fromEntries(parts.flatMap((p, i) => (i % 2 === 0 ? [[p, parts[i + 1]!]] : [])));
}

const QUERY_STYLES: ReadonlyArray<readonly [ParameterStyle, boolean, string]> = [
  ['form', true, ''],
  ['form', false, ''],
  ['spaceDelimited', false, ' '],
  ['pipeDelimited', false, '|'],
];

test('query: every form/delimited style × explode × kind parses back to the values', () => {
  for (const [style, explode, excluded] of QUERY_STYLES) {
    const value = without(excluded);
    const declared: ParameterMeta = { name: 'p', in: 'query', style, explode };
    const kinds = [
      ['primitive', style === 'form' ? value : fc.constant('x')],
      ['array', list(value)],
      ['object', record(value, excluded).filter((o) => !explode || !Object.keys(o).includes('p'))],
    ] as const;
    for (const [kind, arbitrary] of kinds) {
      fc.assert(
        fc.property(arbitrary as fc.Arbitrary<unknown>, (v) => {
          const out = serializeOne('p', v, declared);
          assert.ok(SAFE_QUERY.test(out), `${style}/${explode}: ${out}`);
          assert.equal(parseQuery('p', out, style, explode, kind), v);
        }),
        RUNS,
      );
    }
  }
});

test('query: deepObject parses back to the object', () => {
  const declared: ParameterMeta = { name: 'p', in: 'query', style: 'deepObject', explode: true };
  fc.assert(
    fc.property(record(text), (v) => {
      const out = serializeOne('p', v, declared);
      assert.ok(SAFE_QUERY.test(out), out);
      assert.equal(parseQuery('p', out, 'deepObject', true, 'object'), v);
    }),
    RUNS,
  );
});

test('path: simple, label and matrix × explode × kind parse back and never hold / ? #', () => {
  for (const style of ['simple', 'label', 'matrix'] as const) {
    for (const explode of [false, true]) {
      const value = style === 'label' ? without('.') : text;
      for (const [kind, arbitrary] of [['primitive', value], ['array', list(value)], ['object', record(value, style === 'label' ? '.' : '')]] as const) {
        fc.assert(
          fc.property(arbitrary as fc.Arbitrary<unknown>, (v) => {
            const classified = classify(v, 'path', 'p');
            if (classified.kind === 'absent') return;
            const out = expandPath('p', classified, style, explode);
            assert.ok(SAFE_PATH.test(out.replace(/^[.;]/, '')), `${style}/${explode}: ${out}`);
            assert.equal(parsePath('p', out, style, explode, kind), v);
          }),
          RUNS,
        );
      }
    }
  }
});

test('strict encoding decodes back to the text; reserved encoding too, and never lets # through', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      const strict = encodeStrict(s, 'query', 'p');
      assert.ok(/^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})*$/.test(strict), strict);
      assert.is(decodeURIComponent(strict), s);
      const reserved = encodeReserved(s, 'query', 'p');
      assert.not.ok(reserved.includes('#'), reserved);
      // A `%` in the text is kept only as part of a triple, so text without one decodes back.
      if (!s.includes('%')) assert.is(decodeURIComponent(reserved), s);
    }),
    { numRuns: 1000 },
  );
});

test.run();
