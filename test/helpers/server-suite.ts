/** A uvu suite with the reference server started once, reset before each test, closed after. */
import { suite, type Test } from './timed-suite.js';
import { startServer, type TestServer } from '../server/index.js';

/** Creates the suite; tests read `ctx.server`. */
export function serverSuite(name: string): Test<{ server: TestServer }> {
  const test = suite<{ server: TestServer }>(name);
  test.before(async (ctx) => {
    ctx.server = await startServer();
  });
  test.before.each((ctx) => {
    ctx.server.reset();
  });
  test.after(async (ctx) => {
    await ctx.server.close();
  });
  return test;
}
