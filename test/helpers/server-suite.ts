/** A uvu suite with the reference server started once, reset before each test, closed after. */
import { suite, type SuiteOptions, type Test } from './timed-suite.js';
import { startServer, type RequestLogEntry, type ServerOptions, type TestServer } from '../server/index.js';

/** What every server suite's context holds; a suite may add its own fields. */
export interface ServerContext {
  server: TestServer;
}

/** Options of a server suite: the server's own, and the suite's time limit. */
export interface ServerSuiteOptions extends SuiteOptions {
  /** Passed to startServer (token lifetimes, clock, seed orders…). */
  readonly server?: ServerOptions;
  /** Runs after each reset, before each test (per-test fixtures such as a signed-in SDK). */
  readonly beforeEach?: (context: ServerContext) => void | Promise<void>;
}

/** Creates the suite; tests read `ctx.server`, plus whatever `beforeEach` put on the context. */
export function serverSuite<T extends object = object>(name: string, options: ServerSuiteOptions = {}): Test<ServerContext & T> {
  const test = suite<ServerContext & T>(name, undefined, { timeoutMs: options.timeoutMs });
  test.before(async (ctx) => {
    ctx.server = await startServer(options.server);
  });
  test.before.each(async (ctx) => {
    ctx.server.reset();
    await options.beforeEach?.(ctx);
  });
  test.after(async (ctx) => {
    await ctx.server?.close();
  });
  return test;
}

/** Thrown when the server never sees the request a test waits for. */
export class RequestNotSeenError extends Error {
  override readonly name = 'RequestNotSeenError';
}

/**
 * Resolves with the first request `server` logged that `matches`, polling its request log (the
 * server logs a request on arrival, before any fault), so a test acts once a call is truly in
 * flight instead of after a guessed sleep. Fails after `limitMs` rather than hanging.
 */
export async function whenRequested(
  server: TestServer,
  matches: (entry: RequestLogEntry) => boolean,
  limitMs = 5000,
): Promise<RequestLogEntry> {
  const givenUp = Date.now() + limitMs;
  for (;;) {
    const seen = server.requests.find(matches);
    if (seen) return seen;
    if (Date.now() > givenUp) throw new RequestNotSeenError(`the server saw no matching request within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
