/**
 * The text/event-stream decoder (src/repository/sse/parse.ts): the whole format, fed whole,
 * byte by byte, and split in two at every byte boundary (so every CR/LF pair, multi-byte
 * character and BOM byte is cut somewhere), always decoding to the same events.
 */
import * as assert from 'uvu/assert';
import { suite } from '../../helpers/timed-suite.js';
import { createEventDecoder, type RawEvent } from '../../../src/repository/sse/parse.js';

const test = suite('sse: event-stream decoder');

// Mixed line ends (CRLF, CR, LF), a leading BOM, comments, retry (valid and not), multi-line
// data, an id with NUL (ignored), id persistence, an empty id (reset), a field without colon,
// an unknown field, non-ASCII data, and a trailing event with no blank line (never dispatched).
const SAMPLE =
  '\uFEFF: hello comment\r\n' +
  'retry: 2500\r\n' +
  '\r\n' +
  'id: 1\revent: order.created\rdata: {"a":1}\r\r' +
  'data: line one\ndata:line two\n: comment inside\n\n' +
  'id: bad\u0000id\ndata: x\n\n' +
  'id: 3\r\ndata: caf\u00e9 \u2615 \u{1F600}\r\nunknown: field\r\n\r\n' +
  'id:\ndata: reset\n\n' +
  'event: ping\ndata\n\n' +
  'retry: abc\ndata:  two spaces\n\n' +
  'data: \uFEFFinner bom\n\n' +
  'data: incomplete';

const EXPECTED: RawEvent[] = [
  { id: '1', event: 'order.created', data: '{"a":1}' },
  { id: '1', event: 'message', data: 'line one\nline two' },
  { id: '1', event: 'message', data: 'x' },
  { id: '3', event: 'message', data: 'caf\u00e9 \u2615 \u{1F600}' },
  { id: undefined, event: 'message', data: 'reset' },
  { id: undefined, event: 'ping', data: '' },
  { id: undefined, event: 'message', data: ' two spaces' },
  { id: undefined, event: 'message', data: '\uFEFFinner bom' },
];

function decode(chunks: Array<Uint8Array | string>, lastEventId?: string) {
  const events: RawEvent[] = [];
  const retries: number[] = [];
  const decoder = createEventDecoder({ onEvent: (e) => events.push(e), onRetry: (ms) => retries.push(ms) }, lastEventId);
  for (const chunk of chunks) {
    if (typeof chunk === 'string') decoder.feedText(chunk);
    else decoder.feedBytes(chunk);
  }
  return { events, retries, lastEventId: decoder.lastEventId };
}

const bytes = new TextEncoder().encode(SAMPLE);
// TextEncoder never writes a BOM of its own, so the sample's U+FEFF is the stream's BOM.
assert.is(bytes[0], 0xef);

test('the whole sample at once: every field, line end and comment as the spec says', () => {
  const out = decode([bytes]);
  assert.equal(out.events, EXPECTED);
  assert.equal(out.retries, [2500]);
  assert.is(out.lastEventId, undefined, 'the empty id reset the last event id');
});

test('split in two at every byte boundary: the same events and retry each time', () => {
  for (let cut = 0; cut <= bytes.length; cut++) {
    const out = decode([bytes.subarray(0, cut), bytes.subarray(cut)]);
    assert.equal(out.events, EXPECTED, `cut at byte ${cut}`);
    assert.equal(out.retries, [2500], `cut at byte ${cut}`);
  }
});

test('fed one byte at a time (CRLF and 4-byte characters cut everywhere)', () => {
  const chunks = Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
  assert.equal(decode(chunks).events, EXPECTED);
});

test('text fed at every character boundary (the XHR path) decodes the same, BOM included', () => {
  for (let cut = 0; cut <= SAMPLE.length; cut++) {
    const out = decode([SAMPLE.slice(0, cut), SAMPLE.slice(cut)]);
    assert.equal(out.events, EXPECTED, `cut at char ${cut}`);
  }
});

test('without the BOM the stream decodes the same; a BOM is only dropped at the very start', () => {
  assert.equal(decode([SAMPLE.slice(1)]).events, EXPECTED);
  // Two BOMs: the second is part of the first line, which is then an unknown field.
  assert.equal(decode([new Uint8Array([0xef, 0xbb, 0xbf]), bytes]).events, EXPECTED.slice(0), 'TextDecoder dropped one, then the comment line starts with U+FEFF and is ignored as unknown');
});

test('the id a stream resumed from persists into events without an id line', () => {
  const out = decode(['data: a\n\nid: 8\ndata: b\n\ndata: c\n\n'], '7');
  assert.equal(out.events.map((e) => e.id), ['7', '8', '8']);
  assert.is(out.lastEventId, '8');
});

test('an id containing NUL never replaces the last id; an incomplete event is never dispatched', () => {
  const out = decode(['id: 5\ndata: a\n\nid: 6\u0000\ndata: b\n\nid: 7\ndata: c'], undefined);
  assert.equal(out.events, [
    { id: '5', event: 'message', data: 'a' },
    { id: '5', event: 'message', data: 'b' },
  ]);
  assert.is(out.lastEventId, '5', 'the unfinished event with id 7 does not move the resume point');
});

test.run();
