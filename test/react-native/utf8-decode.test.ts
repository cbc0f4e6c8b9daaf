/**
 * The hand-written UTF-8 decoder (src/platform/utf8-decode.ts, for Hermes, which has no
 * TextDecoder) gives exactly what TextDecoder gives: for any bytes (valid text, truncated and
 * overlong sequences, surrogates, bytes past U+10FFFF, a BOM), in replacement and fatal mode.
 */
import fc from 'fast-check';
import * as assert from 'uvu/assert';
import { Utf8DecodeError, utf8Decode } from '../../src/platform/utf8-decode.js';
import { test } from '../helpers/timed-suite.js';

const native = new TextDecoder();
const nativeFatal = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/** Fatal mode as a value: the text, or the fact that it threw (and what). */
function fatal(decode: () => string): string {
  try {
    return decode();
  } catch (error) {
    return `threw ${error instanceof TypeError}`;
  }
}

test('any bytes decode as TextDecoder decodes them (replacement mode)', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => utf8Decode(bytes) === native.decode(bytes)), { numRuns: 3000 });
});

test('bytes biased to multi-byte lead and continuation bytes decode alike, fatal mode included', () => {
  const byte = fc.oneof(fc.integer({ min: 0x80, max: 0xbf }), fc.integer({ min: 0xc0, max: 0xff }), fc.integer({ min: 0, max: 0x7f }));
  fc.assert(
    fc.property(fc.array(byte, { maxLength: 24 }), (list) => {
      const bytes = Uint8Array.from(list);
      assert.is(utf8Decode(bytes), native.decode(bytes));
      assert.is(fatal(() => utf8Decode(bytes, true)), fatal(() => nativeFatal.decode(bytes)));
    }),
    { numRuns: 3000 },
  );
});

test('any string round-trips through TextEncoder (lone surrogates as U+FFFD), long ones too', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => utf8Decode(encoder.encode(text)) === native.decode(encoder.encode(text))));
  const long = 'Grüße, 東京 ☕ 🚚 '.repeat(5000); // past one String.fromCharCode slice
  assert.is(utf8Decode(encoder.encode(long)), long);
});

test('the edges by name: BOM dropped, overlong, surrogate, past U+10FFFF, truncated', () => {
  const cases: Array<[number[], string]> = [
    [[0xef, 0xbb, 0xbf, 0x41], 'A'],
    [[0xc0, 0xaf], '\ufffd\ufffd'],
    [[0xe0, 0x80, 0xaf], '\ufffd\ufffd\ufffd'],
    [[0xed, 0xa0, 0x80], '\ufffd\ufffd\ufffd'],
    [[0xf4, 0x90, 0x80, 0x80], '\ufffd\ufffd\ufffd\ufffd'],
    [[0xe2, 0x98], '\ufffd'],
    [[0xf0, 0x9f, 0x9a, 0x9a], '🚚'],
  ];
  for (const [bytes, want] of cases) assert.is(utf8Decode(Uint8Array.from(bytes)), want, bytes.join(' '));
  assert.throws(() => utf8Decode(Uint8Array.of(0xe2, 0x98), true), (error: unknown) => error instanceof Utf8DecodeError);
});

test.run();
