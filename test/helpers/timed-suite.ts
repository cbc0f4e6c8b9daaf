/**
 * uvu's `suite` and `test` with a time limit on every test and hook. A test that never settles
 * would otherwise end the run: uvu prints "Exiting early before testing is finished", shows no
 * failure and skips every suite after it. Here it fails, named, and the run goes on.
 * Every test file imports `suite`/`test` from this module, never from 'uvu' (checked by
 * test/architecture/test-imports.test.ts).
 *
 * It also keeps the books the runner (scripts/test.ts) checks: how many tests each suite
 * registered and how many started. uvu itself reports neither a suite whose `.run()` was never
 * called nor one whose `before` hook threw (its runner swallows that error and skips the tests).
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

/** Thrown (as a test failure) when a test, a hook or a bounded wait outlives its limit. */
export class TestTimeoutError extends Error {
  override readonly name = 'TestTimeoutError';
}

/** The tests of one suite registered before one `.run()` (uvu starts a fresh batch after each run). */
export interface SuiteBatch {
  readonly suite: string;
  /** `test(…)` calls. */
  registered: number;
  /** `test.only(…)` calls: when any, uvu runs only these. */
  only: number;
  /** `test.skip(…)` calls. */
  skipped: number;
  /** Tests whose handler started (after the suite's `before` hooks succeeded). */
  started: number;
  /** Whether `.run()` was called for this batch. */
  runCalled: boolean;
}

/** One timed test or hook, as the observer sees it. */
export interface TimedEvent {
  readonly kind: 'test' | 'hook';
  /** e.g. `test "suite › name"` or `before hook of "suite"`. */
  readonly label: string;
  readonly limitMs: number;
}

/** Told about every timed test and hook as it starts and ends; the runner installs one to watch for hangs. */
export interface TimedSuiteObserver {
  started(event: TimedEvent): void;
  ended(event: TimedEvent, error: unknown): void;
}

/** Process-wide books: a global (not module state), so two copies of this module share them. */
export interface TimedSuiteRegistry {
  readonly batches: SuiteBatch[];
  observer: TimedSuiteObserver | undefined;
}

const REGISTRY = Symbol.for('tether.timed-suite.registry');

/** The books of this process: every batch of every timed suite, and the observer if a runner set one. */
export function timedSuiteRegistry(): TimedSuiteRegistry {
  const holder = globalThis as { [REGISTRY]?: TimedSuiteRegistry };
  holder[REGISTRY] ??= { batches: [], observer: undefined };
  return holder[REGISTRY];
}

function newBatch(title: string): SuiteBatch {
  const batch: SuiteBatch = { suite: title, registered: 0, only: 0, skipped: 0, started: 0, runCalled: false };
  timedSuiteRegistry().batches.push(batch);
  return batch;
}

/** `handler` raced against a timer that fails it, naming the event, after its limit. */
function limited<T>(event: TimedEvent, handler: Callback<T>, onStart?: () => void): Callback<T> {
  return (context) =>
    new Promise<void>((resolve, reject) => {
      onStart?.();
      const observer = timedSuiteRegistry().observer;
      observer?.started(event);
      // A ref'd timer: it also keeps the process alive while a hung promise waits on nothing.
      const timer = setTimeout(
        () => reject(new TestTimeoutError(`${event.label} did not settle within ${event.limitMs} ms (a hang, or a limit too tight for this test)`)),
        event.limitMs,
      );
      Promise.resolve()
        .then(() => handler(context))
        .then(resolve, reject)
        .finally(() => clearTimeout(timer));
    }).then(
      () => timedSuiteRegistry().observer?.ended(event, undefined),
      (error: unknown) => {
        timedSuiteRegistry().observer?.ended(event, error);
        throw error;
      },
    );
}

/** A uvu suite whose tests and hooks each fail after `options.timeoutMs` instead of hanging the run. */
export function suite<T = Record<string, any>>(title = '', context?: T, options: SuiteOptions = {}): Test<T> {
  const inner = uvuSuite<T>(title, context);
  const limitMs = options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
  const where = title ? `${title} › ` : '';
  let batch = newBatch(title);
  const timedTest = (name: string, handler: Callback<T>): Callback<T> => {
    const owner = batch;
    return limited({ kind: 'test', label: `test "${where}${name}"`, limitMs }, handler, () => owner.started++);
  };
  const timed = ((name: string, handler: Callback<T>) => {
    batch.registered++;
    inner(name, timedTest(name, handler));
  }) as Test<T>;
  timed.only = (name, handler) => {
    batch.only++;
    inner.only(name, timedTest(name, handler));
  };
  timed.skip = (name, handler) => {
    batch.skipped++;
    inner.skip(name, handler);
  };
  const hook = (kind: string, add: (hook: Callback<T>) => void) => (fn: Callback<T>) =>
    add(limited({ kind: 'hook', label: `${kind} hook of "${title || 'test'}"`, limitMs }, fn));
  timed.before = Object.assign(hook('before', inner.before), { each: hook('before.each', inner.before.each) });
  timed.after = Object.assign(hook('after', inner.after), { each: hook('after.each', inner.after.each) });
  timed.run = () => {
    batch.runCalled = true;
    batch = newBatch(title);
    inner.run();
  };
  return timed;
}

/** The default, unnamed suite, as uvu's own `test`. */
export const test: Test<Record<string, any>> = suite();

/** `promise`, or a TestTimeoutError naming `what` after `limitMs`: for an await inside a test that could wait forever. */
export function within<T>(promise: Promise<T>, what: string, limitMs = 5_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TestTimeoutError(`${what} did not happen within ${limitMs} ms`)), limitMs);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** Polls `condition` every few ms until it holds, or fails naming `what` after `limitMs`. */
export async function until(condition: () => boolean, what: string, limitMs = 5_000): Promise<void> {
  let waited = 0;
  // Counted in polls, not read from the clock: tests here may run under a fake one.
  while (!condition()) {
    if (waited >= limitMs) throw new TestTimeoutError(`${what} did not happen within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    waited += 5;
  }
}
