import { createAttempt } from '../../src/network/attempt.js';
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { compose } from '../../src/network/compose.js';
import type { FetchLike, Middleware } from '../../src/network/types.js';
import { context } from './helpers/context.js';

const ok: FetchLike = async () => new Response('ok');

test('layers run outermost first and see each other\'s changes', async () => {
  const seen: string[] = [];
  const tag = (name: string): Middleware => (next) => async (request, ctx) => {
    seen.push(`${name}:in`);
    const headers = new Headers(request.headers);
    headers.append('x-trail', name);
    const response = await next({ ...request, headers }, ctx);
    seen.push(`${name}:out`);
    return response;
  };
  let trail = '';
  const pipeline = compose([tag('a'), tag('b')], async (request) => {
    trail = request.headers.get('x-trail') ?? '';
    return new Response('done');
  });
  const response = await pipeline(createAttempt('https://api.example.com/'), context());
  assert.is(await response.text(), 'done');
  assert.is(trail, 'a, b');
  assert.equal(seen, ['a:in', 'b:in', 'b:out', 'a:out']);
});

test('an empty middleware list is just the transport', async () => {
  const response = await compose([], ok)(createAttempt('https://api.example.com/'), context());
  assert.is(await response.text(), 'ok');
});

test('refuses a chain without a transport', () => {
  assert.throws(() => compose([], undefined as unknown as FetchLike), /must end in a transport/);
});

test('refuses a layer that is not a function, naming its position', () => {
  assert.throws(() => compose([(next) => next, {} as unknown as Middleware], ok), /middleware #1 is an object/);
});

test('refuses a layer that does not return a fetch function', () => {
  const broken = function broken() {
    return 'nope';
  } as unknown as Middleware;
  assert.throws(() => compose([broken], ok), /middleware broken returned a string/);
});

test('a pipeline resolving with something other than a Response rejects with a plain Error', async () => {
  const pipeline = compose([], (async () => 'text') as unknown as FetchLike);
  try {
    await pipeline(createAttempt('https://api.example.com/'), context());
    assert.unreachable();
  } catch (error) {
    assert.instance(error, Error);
    assert.not.instance(error, TypeError); // would be misread as a connection failure
    assert.match(String(error), /instead of a Response/);
  }
});

test.run();
