import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { contentTypeFor, serializeBody } from '../../src/service/body.js';

test('JSON by default', () => {
  assert.is(serializeBody({ a: 1 }, undefined), '{"a":1}');
  assert.is(serializeBody('s', 'application/json'), '"s"');
  assert.is(serializeBody({ a: 1 }, 'application/merge-patch+json'), '{"a":1}');
  assert.is(contentTypeFor({ a: 1 }, undefined), 'application/json');
  assert.is(contentTypeFor(undefined, 'application/json'), undefined);
});

test('binary and text bodies pass through', () => {
  const blob = new Blob(['x']);
  assert.is(serializeBody(blob, 'application/octet-stream'), blob);
  const bytes = new Uint8Array([1]);
  assert.is(serializeBody(bytes, 'application/octet-stream'), bytes);
  assert.is(serializeBody('plain', 'text/plain'), 'plain');
  assert.is(contentTypeFor(blob, 'image/png'), 'image/png');
});

test('forms', () => {
  assert.is(serializeBody({ a: 1, b: ['x', 'y'], c: undefined }, 'application/x-www-form-urlencoded'), 'a=1&b=x&b=y');
  const form = serializeBody({ name: 'n', file: new Blob(['f']) }, 'multipart/form-data') as FormData;
  assert.instance(form, FormData);
  assert.is(form.get('name'), 'n');
  assert.instance(form.get('file'), Blob);
  // FormData sets its own boundary, so we must not set Content-Type.
  assert.is(contentTypeFor({ name: 'n' }, 'multipart/form-data'), undefined);
});

test.run();
