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
  /**
   * 'manual': the server reads its time (token expiry, timestamps, ledger) from `ctx.clock`,
   * which only the test moves, and which is back at its start before each test.
   */
  readonly clock?: 'manual';
}

/** The server's time when a suite asks for `clock: 'manual'`: moved only by the test. */
export interface ServerClock {
  /** The server's current time, ms since the epoch; the test may set it. */
  now: number;
  /** Where `now` stands at the start of every test. */
  readonly start: number;
  /** Moves the server's time forward by `ms`. */
  advance(ms: number): void;
}

/** The context of a suite with `clock: 'manual'`. */
export interface ClockContext {
  clock: ServerClock;
}

function manualClock(start: number): ServerClock {
  const clock: ServerClock = {
    now: start,
    start,
    // Through `clock`, not `this`: a test may pass `advance` around on its own.
    advance: (ms) => {
      clock.now += ms;
    },
  };
  return clock;
}

/** Creates the suite; tests read `ctx.server` (and `ctx.clock` when asked for), plus whatever `beforeEach` put on the context. */
export function serverSuite<T extends object = object>(name: string, options: ServerSuiteOptions & { clock: 'manual' }): Test<ServerContext & ClockContext & T>;
export function serverSuite<T extends object = object>(name: string, options?: ServerSuiteOptions): Test<ServerContext & T>;
export function serverSuite<T extends object = object>(name: string, options: ServerSuiteOptions = {}): Test<ServerContext & Partial<ClockContext> & T> {
  const test = suite<ServerContext & Partial<ClockContext> & T>(name, undefined, { timeoutMs: options.timeoutMs });
  test.before(async (ctx) => {
    if (options.clock === 'manual') {
      // Started at the real time so tokens and timestamps look ordinary; read through the
      // context, so the test's moves are what the server sees.
      const clock = manualClock(Date.now());
      ctx.clock = clock;
      ctx.server = await startServer({ ...options.server, now: () => clock.now });
    } else {
      ctx.server = await startServer(options.server);
    }
  });
  test.before.each(async (ctx) => {
    if (ctx.clock) ctx.clock.now = ctx.clock.start;
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
