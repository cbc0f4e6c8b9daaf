/**
 * A raw loopback server (./server.ts) for the life of a suite: started before its tests, its
 * request log emptied and its first handler restored before each test (so a test's handle()
 * never leaks into the next), closed after. It adds hooks to any suite, so a serverSuite() can
 * also get a second, foreign origin, and a suite can hold several.
 */
import type { Test } from '../../helpers/timed-suite.js';
import { json, startServer, type Handler, type TestServer } from './server.js';

/** A raw server's default answer: 200 `{}`. */
const answerEmpty: Handler = (_req, res) => json(res, 200, {});

/** Gives `suite` a raw server at `ctx[key]`, answering with `handler` unless a test swaps it. */
export function withRawServer<K extends string, T extends { [P in K]: TestServer }>(suite: Test<T>, key: K, handler: Handler = answerEmpty): void {
  suite.before(async (ctx) => {
    (ctx as { [P in K]: TestServer })[key] = await startServer(handler);
  });
  suite.before.each((ctx) => {
    const server: TestServer = ctx[key];
    server.requests.length = 0;
    server.handle(handler);
  });
  suite.after(async (ctx) => {
    const server: TestServer | undefined = ctx[key];
    await server?.close();
  });
}
