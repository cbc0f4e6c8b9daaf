/**
 * Cookie parameters where the platform cannot send a Cookie header (browsers: a forbidden
 * header name, dropped silently), shown in a child process whose Request behaves that way
 * (test/fixtures/browser-cookies/child.ts). The browser's own jar supplies the cookies, so a
 * call that gives none is not held to the cookie group's required parameters and goes out
 * (docs/wire.md); a call that does give cookies is refused (VALIDATION, cookie_forbidden)
 * instead of being sent without them.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as assert from 'uvu/assert';
import { serverSuite } from '../helpers/server-suite.js';

const child = fileURLToPath(new URL('../fixtures/browser-cookies/child.ts', import.meta.url));
const test = serverSuite('cookie parameters on a platform that cannot send Cookie');

test('no cookies given: sent without a Cookie header (the browser adds its own); cookies given: refused, never dropped', async ({ server }) => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', child, server.url], { encoding: 'utf8' });
  const result = JSON.parse(stdout.trim()) as { withoutCookies: Record<string, unknown>; withCookies: Record<string, unknown> };
  assert.equal(result.withoutCookies, { sent: true, cookie: null });
  assert.is(result.withCookies['sent'], false);
  assert.is(result.withCookies['type'], 'VALIDATION');
  assert.is(result.withCookies['source'], 'client');
  assert.is(result.withCookies['code'], 'cookie_forbidden');
});

test.run();
