/**
 * Waits past 2^31 - 1 ms, where the host's setTimeout fires at once (Node with a
 * TimeoutOverflowWarning): systemClock.sleep and the connectivity sleep wait the whole time, the
 * sync scheduler clamps, and none of them warns or fires early.
 */
import * as assert from 'uvu/assert';
import { test } from '../helpers/timed-suite.js';
import { longTimeout, MAX_TIMER_MS, timerDelay } from '../../src/platform/long-timeout.js';
import { systemClock } from '../../src/platform/clock.js';
import { sleepOf } from '../../src/platform/connectivity/timer.js';
import { systemScheduler } from '../../src/repository/sync/scheduler.js';

/** Runs `body`, returning the TimeoutOverflowWarnings the process emitted meanwhile. */
async function overflowWarnings(body: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const listener = (warning: Error) => void (warning.name === 'TimeoutOverflowWarning' && seen.push(warning.message));
  process.on('warning', listener);
  try {
    await body();
    await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on a later tick
  } finally {
    process.off('warning', listener);
  }
  return seen;
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('timerDelay clamps to what setTimeout honours; negative and NaN are 0', () => {
  assert.is(timerDelay(5), 5);
  assert.is(timerDelay(2 ** 40), MAX_TIMER_MS);
  assert.is(timerDelay(Number.POSITIVE_INFINITY), MAX_TIMER_MS);
  assert.is(timerDelay(-1), 0);
  assert.is(timerDelay(Number.NaN), 0);
});

test('longTimeout past 2^31 ms does not fire early; a short one fires; cancel stops it', async () => {
  let long = 0;
  let short = 0;
  const warnings = await overflowWarnings(async () => {
    const cancelLong = longTimeout(() => void long++, 3 * 365 * 86_400_000);
    const cancelInfinite = longTimeout(() => void long++, Number.POSITIVE_INFINITY);
    longTimeout(() => void short++, 5);
    await tick(40);
    cancelLong();
    cancelInfinite();
  });
  assert.is(long, 0, 'not fired');
  assert.is(short, 1);
  assert.equal(warnings, []);
});

test('systemClock.sleep and the connectivity sleep of years end only on abort; the scheduler clamps', async () => {
  const warnings = await overflowWarnings(async () => {
    const stop = new AbortController();
    let ended = 0;
    void systemClock.sleep(2 ** 33, stop.signal).then(() => void ended++);
    void sleepOf(undefined)(2 ** 33, stop.signal).then(() => void ended++);
    const handle = systemScheduler.setTimeout(() => void ended++, 2 ** 33);
    await tick(40);
    assert.is(ended, 0, 'still sleeping');
    systemScheduler.clearTimeout(handle);
    stop.abort();
    await tick(0);
    assert.is(ended, 2, 'both sleeps ended on abort');
  });
  assert.equal(warnings, []);
});

test.run();
