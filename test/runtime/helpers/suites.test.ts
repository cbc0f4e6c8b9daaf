/**
 * The suite helpers other suites stand on: serverSuite's manual clock really is the server's
 * (and starts over for each test), and withRawServer gives each test a clean raw origin.
 */
import * as assert from 'uvu/assert';
import { suite } from '../../helpers/timed-suite.js';
import { serverSuite } from '../../helpers/server-suite.js';
import { withRawServer } from './raw-server-suite.js';
import { json, type TestServer as RawServer } from './server.js';

const TTL_MS = 60_000;

const clocked = serverSuite('serverSuite with clock: manual', { server: { accessTokenTtlMs: TTL_MS }, clock: 'manual' });

const me = (url: string, token: string) => fetch(`${url}/users/me`, { headers: { authorization: `Bearer ${token}` } });

clocked('the server’s token expiry follows ctx.clock, not the wall clock', async ({ server, clock }) => {
  const { accessToken } = server.tokens.issue('alice@example.com');
  assert.is((await me(server.url, accessToken)).status, 200);
  clock.advance(TTL_MS - 1);
  assert.is((await me(server.url, accessToken)).status, 200, 'still inside its lifetime');
  clock.advance(2);
  assert.is((await me(server.url, accessToken)).status, 401, 'expired once the clock passed its lifetime');
});

clocked('each test starts with the clock back at its start', async ({ server, clock }) => {
  assert.is(clock.now, clock.start);
  const { accessToken } = server.tokens.issue('alice@example.com');
  assert.is((await me(server.url, accessToken)).status, 200);
});

const raw = suite<{ origin: RawServer }>('withRawServer');
withRawServer(raw, 'origin', (_req, res) => json(res, 200, { first: true }));

raw('a test may swap the handler and sees its own requests', async ({ origin }) => {
  origin.handle((_req, res) => json(res, 418, {}));
  assert.is((await fetch(`${origin.url}/a`)).status, 418);
  assert.equal(origin.requests.map((r) => r.url), ['/a']);
});

raw('the next test gets the first handler back and an empty request log', async ({ origin }) => {
  assert.is(origin.requests.length, 0);
  const response = await fetch(`${origin.url}/b`);
  assert.equal(await response.json(), { first: true });
});

clocked.run();
raw.run();
