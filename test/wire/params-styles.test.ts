/**
 * Parameter serialization against the OpenAPI specification's own "Style Examples" table
 * (§4.8.12.4 in 3.1.1; the same table in 3.0.3/3.1.0), one row per style × explode, one column
 * per value kind: color = "" / "blue" / ["blue","black","brown"] / {R:100,G:200,B:150}.
 *
 * Expected strings are the table's as corrected in OpenAPI 3.0.4/3.1.1 (the 3.0.3/3.1.0 text
 * had errata the corrected versions fix): label without explode joins with commas, as RFC 6570
 * §3.2.5 does (`.blue,black,brown`, not `.blue.black.brown`); the delimited styles carry their
 * `color=` and percent-encode the pipe (`color=blue%7Cblack%7Cbrown`); deepObject's brackets are
 * percent-encoded (RFC 3986 does not allow them raw in a query).
 */
import { suite } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import type { ParameterMeta, ParameterStyle } from '../../src/contract/operation.js';
import { classify } from '../../src/service/params/encode.js';
import { ParameterSerializationError } from '../../src/service/params/errors.js';
import { headerValue } from '../../src/service/params/header.js';
import { expandPath } from '../../src/service/params/path.js';
import { serializeOne } from '../../src/service/params/query.js';
import { fillPath } from '../../src/service/path-template.js';

const test = suite('parameters: the specification’s style examples');

const EMPTY = '';
const STRING = 'blue';
const ARRAY = ['blue', 'black', 'brown'];
const OBJECT = { R: 100, G: 200, B: 150 };
const NA = null;

type Row = readonly [style: ParameterStyle, explode: boolean, empty: string | null, string: string | null, array: string | null, object: string | null];

// given: style, explode; want: the table's cell for each value (null: "n/a" in the table).
const TABLE: ReadonlyArray<Row> = [
  ['matrix', false, ';color', ';color=blue', ';color=blue,black,brown', ';color=R,100,G,200,B,150'],
  ['matrix', true, ';color', ';color=blue', ';color=blue;color=black;color=brown', ';R=100;G=200;B=150'],
  ['label', false, '.', '.blue', '.blue,black,brown', '.R,100,G,200,B,150'],
  ['label', true, '.', '.blue', '.blue.black.brown', '.R=100.G=200.B=150'],
  ['form', false, 'color=', 'color=blue', 'color=blue,black,brown', 'color=R,100,G,200,B,150'],
  ['form', true, 'color=', 'color=blue', 'color=blue&color=black&color=brown', 'R=100&G=200&B=150'],
  ['simple', false, NA, 'blue', 'blue,black,brown', 'R,100,G,200,B,150'],
  ['simple', true, NA, 'blue', 'blue,black,brown', 'R=100,G=200,B=150'],
  ['spaceDelimited', false, NA, NA, 'color=blue%20black%20brown', 'color=R%20100%20G%20200%20B%20150'],
  ['pipeDelimited', false, NA, NA, 'color=blue%7Cblack%7Cbrown', 'color=R%7C100%7CG%7C200%7CB%7C150'],
  ['deepObject', true, NA, NA, NA, 'color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150'],
];

/** What Tether sends for `color` in the style's location (path styles: the placeholder's text). */
function render(style: ParameterStyle, explode: boolean, value: unknown): string {
  if (style === 'matrix' || style === 'label' || style === 'simple') {
    const kind = classify(value, 'path', 'color');
    if (kind.kind === 'absent') return '';
    return expandPath('color', kind, style, explode);
  }
  const declared: ParameterMeta = { name: 'color', in: 'query', style, explode };
  return serializeOne('color', value, declared);
}

for (const [style, explode, ...cells] of TABLE) {
  test(`${style}, explode ${explode}`, () => {
    const values = [EMPTY, STRING, ARRAY, OBJECT];
    cells.forEach((want, column) => {
      if (want === null) return;
      assert.is(render(style, explode, values[column]), want, `${style} explode=${explode} ${JSON.stringify(values[column])}`);
    });
  });
}

test('header parameters are the simple rows, not percent-encoded', () => {
  for (const [style, explode, , ...cells] of TABLE.filter(([style]) => style === 'simple')) {
    const declared: ParameterMeta = { name: 'X-Color', in: 'header', style, explode };
    assert.is(headerValue('X-Color', STRING, declared), cells[0]);
    assert.is(headerValue('X-Color', ARRAY, declared), cells[1]);
    assert.is(headerValue('X-Color', OBJECT, declared), cells[2]);
  }
  assert.is(headerValue('X-Note', 'a b/ü', undefined), 'a b/ü', 'header text is sent as given (request-checks refuses what HTTP cannot carry)');
});

test('undefined and null are left out, as are empty arrays/objects and absent members', () => {
  const form: ParameterMeta = { name: 'color', in: 'query' };
  assert.is(serializeOne('color', undefined, form), '');
  assert.is(serializeOne('color', null, form), '');
  assert.is(serializeOne('color', [], form), '');
  assert.is(serializeOne('color', {}, form), '');
  assert.is(serializeOne('color', ['a', null, undefined, 'b'], form), 'color=a&color=b');
  assert.is(serializeOne('color', { R: 1, G: undefined, B: null }, { ...form, explode: false }), 'color=R,1');
  assert.is(headerValue('X', null, undefined), undefined);
  assert.is(serializeOne('flag', false, form), 'flag=false', 'false and 0 are values, not absent');
  assert.is(serializeOne('n', 0, form), 'n=0');
});

test('reserved characters are percent-encoded (RFC 3986 unreserved kept), also the ones encodeURIComponent keeps', () => {
  const form: ParameterMeta = { name: 'q', in: 'query' };
  assert.is(serializeOne('q', "a b&c=d/e?f#g%h+i!j'k(l)m*n,o;p", form), 'q=a%20b%26c%3Dd%2Fe%3Ff%23g%25h%2Bi%21j%27k%28l%29m%2An%2Co%3Bp');
  assert.is(serializeOne('q', '-._~', form), 'q=-._~');
  assert.is(serializeOne('a b', 'x', form), 'a%20b=x', 'names are encoded too');
  // Delimiters inside values are encoded, so the structure stays readable.
  assert.is(serializeOne('q', ['a,b', 'c'], { ...form, explode: false }), 'q=a%2Cb,c');
});

test('allowReserved keeps RFC 3986 reserved characters and %XX triples; # and a bare % are still encoded', () => {
  const declared: ParameterMeta = { name: 'q', in: 'query', allowReserved: true };
  assert.is(serializeOne('q', "a/b?c:d@e!f$g&h'i(j)k*l+m,n;o=p[q]", declared), "q=a/b?c:d@e!f$g&h'i(j)k*l+m,n;o=p[q]");
  assert.is(serializeOne('q', 'x#y', declared), 'q=x%23y', '# would cut the URL at a fragment');
  assert.is(serializeOne('q', '100% %41 b', declared), 'q=100%25%20%41%20b', 'a bare % is encoded, a triple kept, a space encoded');
  assert.is(serializeOne('q', ['a/b', 'c'], { ...declared, explode: false }), 'q=a/b,c');
});

test('unicode is UTF-8 percent-encoded; a lone surrogate is refused with a typed error', () => {
  const form: ParameterMeta = { name: 'q', in: 'query' };
  assert.is(serializeOne('q', 'é😀', form), 'q=%C3%A9%F0%9F%98%80');
  assert.is(fillPath('https://x', '/u/{id}', { id: 'ü/😀' }), 'https://x/u/%C3%BC%2F%F0%9F%98%80');
  for (const run of [() => serializeOne('q', 'a\uD800b', form), () => fillPath('https://x', '/u/{id}', { id: '\uDC00' })]) {
    try {
      run();
      assert.unreachable('a lone surrogate must not be sent');
    } catch (error) {
      assert.instance(error, ParameterSerializationError);
      assert.is((error as ParameterSerializationError).code, 'malformed_unicode');
    }
  }
});

test('content parameters are their JSON text, then encoded as the location wants', () => {
  const json: ParameterMeta = { name: 'filter', in: 'query', content: 'application/json' };
  assert.is(serializeOne('filter', { a: [1, 'x y'] }, json), 'filter=%7B%22a%22%3A%5B1%2C%22x%20y%22%5D%7D');
  assert.is(serializeOne('filter', 'text', json), 'filter=%22text%22', 'a string is JSON too');
  assert.is(headerValue('X-Filter', { a: 1 }, { name: 'X-Filter', in: 'header', content: 'application/json' }), '{"a":1}');
  assert.is(headerValue('X-Note', 'plain', { name: 'X-Note', in: 'header', content: 'text/plain' }), 'plain');
});

test('dates are ISO strings; nested values outside deepObject are refused, typed', () => {
  const form: ParameterMeta = { name: 'since', in: 'query' };
  assert.is(serializeOne('since', new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), form), 'since=2024-01-02T03%3A04%3A05.000Z');
  try {
    serializeOne('q', [{ a: 1 }], form);
    assert.unreachable('a nested object has no form serialization');
  } catch (error) {
    assert.instance(error, ParameterSerializationError);
    assert.is((error as ParameterSerializationError).code, 'unsupported_value');
  }
  const deep: ParameterMeta = { name: 'f', in: 'query', style: 'deepObject', explode: true };
  assert.is(serializeOne('f', { a: { b: 1 }, c: ['x', 'y'] }, deep), 'f%5Ba%5D%5Bb%5D=1&f%5Bc%5D=x&f%5Bc%5D=y');
});

test('a label value that would make a dot segment is refused; in a longer segment it is fine', () => {
  const label = new Map<string, ParameterMeta>([['x', { name: 'x', in: 'path', style: 'label' }]]);
  try {
    fillPath('https://x', '/a/{x}/b', { x: '.' }, label);
    assert.unreachable('`..` would climb a segment');
  } catch (error) {
    assert.instance(error, ParameterSerializationError);
    assert.is((error as ParameterSerializationError).code, 'dot_segment');
  }
  assert.is(fillPath('https://x', '/file{x}', { x: 'json' }, label), 'https://x/file.json');
  assert.is(fillPath('https://x', '/a/{x}/b', { x: ['1', '2'] }, label), 'https://x/a/.1,2/b');
});

test.run();
