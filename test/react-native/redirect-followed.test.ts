/**
 * The redirect layer alone, fed answers from fetches that ignore `redirect: 'manual'`: React
 * Native's (whatwg-fetch over XMLHttpRequest) has no `redirected` flag, only the final `url`, so
 * the layer tells a followed redirect by the URL; a fetch with the flag is believed; a flagless
 * answer for the URL sent (or without a URL) is not a redirect. One warning per SDK, never more.
 */
import * as assert from 'uvu/assert';
import { createAttempt } from '../../src/network/attempt.js';
import { createRedaction } from '../../src/network/redact.js';
import { redirect } from '../../src/network/redirect.js';
import type { FetchLike, Logger } from '../../src/network/types.js';
import { test } from '../helpers/timed-suite.js';
import { context } from '../runtime/helpers/context.js';

/** A Response as RN's fetch gives it: the final `url`, no `redirected` at all. */
function rnAnswer(url: string): Response {
  const response = new Response('{}', { status: 200 });
  Object.defineProperty(response, 'url', { value: url });
  Object.defineProperty(response, 'redirected', { value: undefined });
  return response;
}

/** The redirect layer over `answer`, and the warnings it logged. */
function layerOver(answer: (url: string) => Response) {
  const warnings: string[] = [];
  const log: Logger = { debug: () => undefined, info: () => undefined, warn: (message) => void warnings.push(message), error: () => undefined };
  const next: FetchLike = async (request) => answer(request.url);
  const send = redirect({ maxRedirects: 5, redaction: createRedaction(), allowInsecureHttp: false })(next);
  return { warnings, call: (url: string) => send(createAttempt(url), { ...context(), log }) };
}

test('no redirected flag and a final URL other than the one sent: one warning, the answer passed on', async () => {
  const { warnings, call } = layerOver(() => rnAnswer('https://api.example.com/users/u1'));
  assert.is((await call('https://api.example.com/users/me')).status, 200);
  await call('https://api.example.com/users/me');
  assert.is(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0]!, /followed itself/);
});

test('no flag but the same URL (after parsing, without the fragment), or no URL at all: no warning', async () => {
  for (const final of ['https://api.example.com/users/me', 'https://API.example.com:443/users/me', 'https://api.example.com/users/me#top', '']) {
    const { warnings, call } = layerOver(() => rnAnswer(final));
    await call('https://api.example.com/users/me');
    assert.equal(warnings, [], final);
  }
});

test('a fetch with the flag is believed: redirected false is no warning even with another URL; true is one', async () => {
  const plain = layerOver(() => {
    const response = new Response('{}');
    Object.defineProperty(response, 'url', { value: 'https://api.example.com/elsewhere' });
    return response;
  });
  await plain.call('https://api.example.com/users/me');
  assert.equal(plain.warnings, []);
  const flagged = layerOver(() => {
    const response = new Response('{}');
    Object.defineProperty(response, 'redirected', { value: true });
    return response;
  });
  await flagged.call('https://api.example.com/users/me');
  assert.is(flagged.warnings.length, 1);
});

test.run();
