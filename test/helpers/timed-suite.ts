/**
 * uvu's `suite` and `test` with a time limit on every test and hook. A test that never settles
 * would otherwise end the run: uvu prints "Exiting early before testing is finished", shows no
 * failure and skips every suite after it. Here it fails, named, and the run goes on.
 * Every test file imports `suite`/`test` from this module, never from 'uvu' (checked by
 * test/architecture/test-imports.test.ts).
 */
import { suite as uvuSuite, type Callback, type Test } from 'uvu';

export type { Test } from 'uvu';

/** The limit for one test or hook unless its suite names another: generous, a hang is not a slow test. */
export const DEFAULT_TEST_TIMEOUT_MS = 30_000;

/** Options of one suite. */
export interface SuiteOptions {
  /** Time limit for each test and hook of the suite, in ms (default DEFAULT_TEST_TIMEOUT_MS). */
  readonly timeoutMs?: number;
}

/** Thrown (as a test failure) when a test or hook outlives its limit. */
export class TestTimeoutError extends Error {
  override readonly name = 'TestTimeoutError';
}

/** `handler` raced against a timer that fails it, naming `label`, after `limitMs`. */
function limited<T>(label: string, handler: Callback<T>, limitMs: number): Callback<T> {
  return (context) =>
    new Promise<void>((resolve, reject) => {
      // A ref'd timer: it also keeps the process alive while a hung promise waits on nothing.
      const timer = setTimeout(
        () => reject(new TestTimeoutError(`${label} did not settle within ${limitMs} ms (a hang, or a limit too tight for this test)`)),
        limitMs,
      );
      Promise.resolve()
        .then(() => handler(context))
        .then(resolve, reject)
        .finally(() => clearTimeout(timer));
    });
}

/** A uvu suite whose tests and hooks each fail after `options.timeoutMs` instead of hanging the run. */
export function suite<T = Record<string, any>>(title = '', context?: T, options: SuiteOptions = {}): Test<T> {
  const inner = uvuSuite<T>(title, context);
  const limitMs = options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
  const where = title ? `${title} › ` : '';
  const timed = ((name: string, handler: Callback<T>) => inner(name, limited(`test "${where}${name}"`, handler, limitMs))) as Test<T>;
  timed.only = (name, handler) => inner.only(name, limited(`test "${where}${name}"`, handler, limitMs));
  timed.skip = (name, handler) => inner.skip(name, handler);
  const hook = (kind: string, add: (hook: Callback<T>) => void) => (fn: Callback<T>) => add(limited(`${kind} hook of "${title || 'test'}"`, fn, limitMs));
  timed.before = Object.assign(hook('before', inner.before), { each: hook('before.each', inner.before.each) });
  timed.after = Object.assign(hook('after', inner.after), { each: hook('after.each', inner.after.each) });
  timed.run = () => inner.run();
  return timed;
}

/** The default, unnamed suite, as uvu's own `test`. */
export const test: Test<Record<string, any>> = suite();
