/**
 * RFC 6901 unescaping in the generator: `~1` is decoded before `~0`, so `~01` is the two
 * characters `~1` (a key that contains a tilde followed by a one), never `/`. Each document
 * below holds both readings of the pointer with different values, so a wrong order resolves
 * to the wrong node instead of to nothing.
 */
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { escapePointer, joinPointer, unescapePointer } from '../../scripts/codegen/spec-error.js';
import { resolvePointer } from '../../scripts/codegen/refs.js';
import { DocumentIndex, escapeToken } from '../../scripts/codegen/validators/document.js';

// Keys whose escapes interact: a tilde before a one or a zero, slashes next to tildes.
const TRICKY = ['~1', '~0', 'a~1b', '~01', '/~', '~/', 'x~', '~~//'];

test('unescapePointer: ~01 is "~1", ~10 is "/0", and escaping round-trips', () => {
  assert.is(unescapePointer('~01'), '~1');
  assert.is(unescapePointer('~10'), '/0');
  assert.is(unescapePointer('a~1b~0c'), 'a/b~c');
  assert.is(unescapePointer('~0~1'), '~/');
  for (const key of TRICKY) {
    assert.is(unescapePointer(escapePointer(key)), key, key);
    assert.is(escapeToken(key), escapePointer(key), `${key}: one escaping`);
  }
});

test('resolvePointer: #/a~01b names the key "a~1b", not "a/b"', () => {
  const document = { 'a~1b': 'tilde-one', 'a/b': 'slash', nested: { '~1': { '/': 'deep' } } };
  assert.is(resolvePointer(document, '#/a~01b'), 'tilde-one');
  assert.is(resolvePointer(document, '#/a~1b'), 'slash');
  assert.is(resolvePointer(document, '#/nested/~01/~1'), 'deep');
  assert.is(resolvePointer(document, joinPointer('#', 'nested', '~1', '/')), 'deep');
});

test('DocumentIndex.resolve: component names with "~1" in them resolve to themselves', () => {
  const schemas: Record<string, unknown> = {};
  for (const [i, key] of TRICKY.entries()) schemas[key] = { title: `schema ${i}` };
  schemas['a/b'] = { title: 'the other reading' };
  const index = new DocumentIndex({ components: { schemas } });
  for (const [i, key] of TRICKY.entries()) {
    const resolved = index.resolve(DocumentIndex.componentPointer(key));
    assert.equal(resolved?.node, { title: `schema ${i}` }, key);
    assert.is(resolved?.component, key);
  }
  assert.equal(index.resolve('#/components/schemas/a~01b')?.node, { title: `schema ${TRICKY.indexOf('a~1b')}` });
  // Percent-encoded fragments decode first, then unescape: %7E01 is ~01 is "~1".
  assert.equal(index.resolve('#/components/schemas/%7E01')?.node, { title: `schema ${TRICKY.indexOf('~1')}` });
});

test.run();
