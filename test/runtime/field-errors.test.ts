import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatPath, mapFieldErrors } from '../../src/errors/field-errors.js';

test('formatPath writes indexes in brackets', () => {
  assert.is(formatPath(['items', 0, 'quantity']), 'items[0].quantity');
  assert.is(formatPath(['items', '12']), 'items[12]');
  assert.is(formatPath([]), '');
});

test('RFC 9457 pointers, JSON:API source.pointer and # fragments', () => {
  assert.equal(
    mapFieldErrors({
      errors: [
        { pointer: '/items/0/quantity', detail: 'too small' },
        { source: { pointer: '/email' }, title: 'invalid email' },
        { pointer: '#/tags/1', message: 'duplicate' },
        { pointer: '/a~0b', detail: 'tilde' },
        { pointer: '', detail: 'whole body' },
      ],
    }),
    {
      'items[0].quantity': ['too small'],
      email: ['invalid email'],
      'tags[1]': ['duplicate'],
      'a~b': ['tilde'],
      '': ['whole body'],
    },
  );
});

test('field / path / loc entries and object maps', () => {
  assert.equal(
    mapFieldErrors({ errors: [{ field: 'items.0.sku', message: 'unknown' }, { loc: ['name'], msg: 'required' }, { path: 'x[2].y' }] }),
    { 'items[0].sku': ['unknown'], name: ['required'], 'x[2].y': ['Invalid value'] },
  );
  assert.equal(mapFieldErrors({ errors: { email: ['taken', 'too long'], 'items[1].qty': 'bad' } }), {
    email: ['taken', 'too long'],
    'items[1].qty': ['bad'],
  });
});

test('bodies without errors give an empty map; a bare title is a form-level error', () => {
  assert.equal(mapFieldErrors(undefined), {});
  assert.equal(mapFieldErrors('Unprocessable'), {});
  assert.equal(mapFieldErrors({ title: 'x' }), { '': ['x'] });
});

test.run();
