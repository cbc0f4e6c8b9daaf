/**
 * The cache's own SHA-256 (no WebCrypto or node:crypto on every host) and the hand-written UTF-8
 * it hashes (platform/utf8.ts, shared with HTTP Basic) agree with Node's, on any string:
 * astral characters, lone surrogates (U+FFFD, as TextEncoder and Buffer do) and lengths around
 * the 64-byte block and padding boundaries.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import * as assert from 'uvu/assert';
import { utf8 } from '../../../src/platform/utf8.js';
import { sha256Hex } from '../../../src/repository/cache/sha256.js';
import { test } from '../../helpers/timed-suite.js';

const text = fc.string({ unit: fc.oneof(fc.constantFrom('a', 'é', '€', '😀', '\ud800', '\udfff', '\u0000'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 80 });

test('utf8() is the bytes Buffer.from(text, "utf8") makes', () => {
  fc.assert(fc.property(text, (s) => assert.equal(utf8(s), [...Buffer.from(s, 'utf8')])), { numRuns: 500 });
});

test('sha256Hex() is node:crypto’s SHA-256 of the UTF-8 bytes, across block boundaries', () => {
  for (let n = 0; n <= 130; n++) {
    const s = 'x'.repeat(n);
    assert.is(sha256Hex(s), createHash('sha256').update(s, 'utf8').digest('hex'), `length ${n}`);
  }
  fc.assert(fc.property(text, (s) => assert.is(sha256Hex(s), createHash('sha256').update(s, 'utf8').digest('hex'))), { numRuns: 300 });
});

test.run();
