import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { defaultValidationErrorMapper, formatPath, mapFieldErrors, mapValidationIssues } from '../../src/errors/field-errors.js';

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

test('pointer escapes unescape ~1 before ~0: "~01" is the key "~1", never "/"', () => {
  const issues = defaultValidationErrorMapper(
    { errors: [{ pointer: '/x~01y', detail: 'a' }, { pointer: '/x~1y', detail: 'b' }, { pointer: '#/~0~1/~10', detail: 'c' }, { pointer: '#/%7E01', detail: 'd' }] },
    { status: 422, headers: new Headers() },
  );
  assert.equal(
    issues?.map((issue) => issue.path),
    [['x~1y'], ['x/y'], ['~/', '/0'], ['~1']],
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

test('form-level names (Rails base, _form, non_field_errors, pointer "") land under ""', () => {
  assert.equal(mapFieldErrors({ errors: { base: ['closed'], _form: ['again'] } }), { '': ['closed', 'again'] });
  assert.equal(mapFieldErrors({ errors: [{ pointer: '', detail: 'whole body' }] }), { '': ['whole body'] });
  assert.equal(mapFieldErrors({ errors: { non_field_errors: ['nope'] } }), { '': ['nope'] });
});

test('JSON:API source.parameter names a query parameter; codes are kept on issues', () => {
  const issues = defaultValidationErrorMapper(
    { errors: [{ source: { parameter: 'limit' }, detail: 'too big', code: 'too_big' }] },
    { status: 400, headers: new Headers() },
  );
  assert.equal(issues, [{ path: ['limit'], message: 'too big', code: 'too_big' }]);
});

test('Pydantic loc drops its location; duplicates are listed once in fieldErrors', () => {
  assert.equal(
    mapFieldErrors({ detail: [
      { loc: ['query', 'limit'], msg: 'too big', type: 'less_than_equal' },
      { loc: ['query', 'limit'], msg: 'too big', type: 'less_than_equal' },
    ] }),
    { limit: ['too big'] },
  );
});

test('custom mappers are asked first; unknown bodies give one form-level issue', () => {
  const seen: unknown[] = [];
  const mine = (data: unknown) => (seen.push(data), undefined);
  const result = mapValidationIssues({ message: 'hi' }, { status: 422, headers: new Headers() }, [mine, defaultValidationErrorMapper]);
  assert.equal(seen, [{ message: 'hi' }]);
  assert.equal(result, { issues: [{ path: [], message: 'hi' }], recognised: true });
  assert.equal(mapValidationIssues(42, { status: 422, headers: new Headers() }), { issues: [{ path: [], message: 'Invalid request' }], recognised: false });
});

test.run();
