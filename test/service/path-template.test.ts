import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { defaultPathSerializer } from 'openapi-fetch';
import { fillPath } from '../../src/service/path-template.js';

const BASE = 'https://api.example.com/v1';

// given: template and path values; want: exactly what openapi-fetch builds for them.
const cases: Array<[string, Record<string, unknown> | undefined]> = [
  ['/users/{userId}', { userId: '3f1c7f2e-8d4b-4c55-9a0e-2b6f1d9e7c10' }],
  ['/users/{userId}', { userId: 'a b/c?d#e%f\\g' }],
  ['/users/{userId}', { userId: 42 }],
  ['/users/{userId}', { userId: true }],
  ['/users/{userId}', {}],
  ['/users/{userId}', { userId: null }],
  ['/users/{userId}', undefined],
  ['/users', { userId: 'x' }],
  ['/a/{x}/b/{y}/c', { x: '1', y: '2' }],
  ['/a/{x}/b/{x}', { x: 'same' }],
  ['/a/{x}/b/{y}', { y: 'only-y' }],
  ['/files/{.ext}', { ext: 'json' }],
  ['/files/{;id}', { id: 'v 1' }],
  ['/files/{id*}', { id: 'exploded' }],
  ['/files/{.ext*}', { ext: 'x' }],
  ['/items/{ids}', { ids: ['a', 'b'] }],
  ['/items/{.ids*}', { ids: ['a', 'b'] }],
  ['/items/{obj}', { obj: { r: 1, g: 2 } }],
  ['/items/{;obj*}', { obj: { r: 1, g: 2 } }],
  ['/mix/{a}/{ids}', { a: 'é', ids: [1, 2] }],
  ['/{a}{b}', { a: '1', b: '2' }],
];

test('fillPath builds exactly the URL openapi-fetch builds', () => {
  for (const [template, values] of cases) {
    const want = values ? defaultPathSerializer(BASE + template, values) : BASE + template;
    assert.is(fillPath(BASE, template, values), want, `${template} ${JSON.stringify(values)}`);
    // Twice: the second call uses the compiled template.
    assert.is(fillPath(BASE, template, values), want, `${template} (compiled)`);
  }
});

test.run();
