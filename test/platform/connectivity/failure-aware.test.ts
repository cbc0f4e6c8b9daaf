/**
 * failureAwareConnectivity with a hand-driven clock: the test sees every wait the adapter
 * starts (its length and whether it was released) and ends it when it chooses.
 */
import * as assert from 'uvu/assert';
import { suite } from '../../helpers/timed-suite.js';
import { failureAwareConnectivity } from '../../../src/platform/connectivity/failure-aware.js';
import { manualConnectivity } from '../../../src/platform/connectivity/manual.js';
import type { Clock } from '../../../src/platform/clock.js';
import { recorder } from './recorder.js';

interface Wait {
  readonly ms: number;
  readonly signal: AbortSignal | undefined;
  end(): void;
}

/** A clock whose sleeps wait until the test ends them (or their signal aborts). */
function handClock(): Pick<Clock, 'sleep'> & { waits: Wait[]; live(): Wait[]; endNext(): Promise<void> } {
  const waits: Wait[] = [];
  const clock = {
    waits,
    live: () => waits.filter((wait) => !wait.signal?.aborted && !(wait as { ended?: boolean }).ended),
    sleep(ms: number, signal?: AbortSignal) {
      return new Promise<void>((resolve) => {
        const wait = { ms, signal, ended: false, end: () => ((wait.ended = true), resolve()) };
        signal?.addEventListener('abort', () => resolve(), { once: true });
        waits.push(wait);
      });
    },
    async endNext() {
      const [next] = clock.live();
      assert.ok(next, 'a wait is pending');
      next.end();
      await settle();
    },
  };
  return clock;
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A probe the test answers: each call's result comes from `answers`, in order. */
function scriptedProbe(answers: Array<boolean | Error>) {
  let calls = 0;
  const probe = async () => {
    const answer = answers[calls++];
    if (answer instanceof Error) throw answer;
    return answer ?? false;
  };
  return { probe, calls: () => calls };
}

const test = suite('failure-aware connectivity');

test('threshold consecutive failures mark it offline though the base says online; fewer do not', () => {
  const clock = handClock();
  const connectivity = failureAwareConnectivity(manualConnectivity(true), { threshold: 3, clock });
  const heard = recorder<boolean>();
  connectivity.subscribe(heard.listener);
  connectivity.reportFailure();
  connectivity.reportFailure();
  assert.is(connectivity.isOnline(), true);
  connectivity.reportFailure();
  assert.is(connectivity.isOnline(), false);
  assert.is(connectivity.isSuspended(), true);
  connectivity.reportFailure();
  assert.equal(heard.calls, [false]);
  connectivity.close();
});

test('a success resets the count: failures must be consecutive', () => {
  const connectivity = failureAwareConnectivity(manualConnectivity(true), { threshold: 2, clock: handClock() });
  connectivity.reportFailure();
  connectivity.reportSuccess();
  connectivity.reportFailure();
  assert.is(connectivity.isOnline(), true);
  connectivity.reportFailure();
  assert.is(connectivity.isOnline(), false);
  connectivity.close();
});

test('the probe is retried with doubling waits up to the cap, and its success brings it back online', async () => {
  const clock = handClock();
  const probe = scriptedProbe([false, new Error('ECONNREFUSED'), false, false, true]);
  const connectivity = failureAwareConnectivity(manualConnectivity(true), {
    threshold: 1,
    probe: probe.probe,
    probeIntervalMs: 1_000,
    maxProbeIntervalMs: 5_000,
    clock,
  });
  const heard = recorder<boolean>();
  connectivity.subscribe(heard.listener);
  connectivity.reportFailure();
  for (let i = 0; i < 5; i++) {
    assert.is(connectivity.isOnline(), false);
    await clock.endNext();
  }
  assert.equal(
    clock.waits.map((wait) => wait.ms),
    [1_000, 2_000, 4_000, 5_000, 5_000],
  );
  assert.is(probe.calls(), 5);
  assert.is(connectivity.isOnline(), true);
  assert.equal(heard.calls, [false, true]);
  assert.equal(clock.live(), [], 'no wait left once back online');
  connectivity.close();
});

test("an 'online' event from the base clears it at once and stops probing", async () => {
  const clock = handClock();
  const base = manualConnectivity(true);
  const probe = scriptedProbe([]);
  const connectivity = failureAwareConnectivity(base, { threshold: 1, probe: probe.probe, clock });
  const heard = recorder<boolean>();
  connectivity.subscribe(heard.listener);
  connectivity.reportFailure();
  base.set(false);
  assert.is(connectivity.isOnline(), false);
  assert.is(connectivity.isSuspended(), false, 'the base knows now; failures no longer the reason');
  assert.equal(clock.live(), []);
  base.set(true);
  assert.is(connectivity.isOnline(), true);
  assert.equal(heard.calls, [false, true], 'suspended → base offline is no change to announce');
  assert.is(probe.calls(), 0);
  connectivity.close();
});

test('failures while the base says offline teach nothing', () => {
  const base = manualConnectivity(false);
  const connectivity = failureAwareConnectivity(base, { threshold: 1, clock: handClock() });
  connectivity.reportFailure();
  base.set(true);
  assert.is(connectivity.isOnline(), true);
  connectivity.close();
});

test('without a probe: half-open after the wait; one failure re-marks it offline with a longer wait, a success clears it', async () => {
  const clock = handClock();
  const connectivity = failureAwareConnectivity(manualConnectivity(true), { threshold: 3, probeIntervalMs: 100, clock });
  const heard = recorder<boolean>();
  connectivity.subscribe(heard.listener);
  for (let i = 0; i < 3; i++) connectivity.reportFailure();
  await clock.endNext();
  assert.is(connectivity.isOnline(), true, 'half-open: the next send is the probe');
  connectivity.reportFailure();
  assert.is(connectivity.isOnline(), false, 'one failure is enough when half-open');
  await clock.endNext();
  connectivity.reportSuccess();
  connectivity.reportFailure();
  connectivity.reportFailure();
  assert.is(connectivity.isOnline(), true, 'after a success the full threshold applies again');
  assert.equal(
    clock.waits.map((wait) => wait.ms),
    [100, 200],
  );
  assert.equal(heard.calls, [false, true, false, true]);
  connectivity.close();
});

test('close() releases the pending wait, ignores a probe answer that arrives later, and stops listening to the base', async () => {
  const clock = handClock();
  let answer: (value: boolean) => void = () => {};
  const base = manualConnectivity(true);
  const connectivity = failureAwareConnectivity(base, {
    threshold: 1,
    probe: () => new Promise<boolean>((resolve) => (answer = resolve)),
    clock,
  });
  const heard = recorder<boolean>();
  connectivity.subscribe(heard.listener);
  connectivity.reportFailure();
  await clock.endNext();
  connectivity.close();
  answer(true);
  await settle();
  assert.is(connectivity.isOnline(), false);
  base.set(false);
  base.set(true);
  assert.equal(heard.calls, [false]);
  assert.equal(clock.live(), []);
});

test('with the default timer a suspended adapter keeps the event loop no busier, and close() releases its wait', async () => {
  // getActiveResourcesInfo lists only timers that keep the loop alive (ref'd ones).
  const liveTimers = () => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
  const before = liveTimers();
  let probes = 0;
  const connectivity = failureAwareConnectivity(manualConnectivity(true), {
    threshold: 1,
    probeIntervalMs: 20,
    probe: async () => (probes++, false),
  });
  connectivity.reportFailure();
  assert.is(liveTimers(), before, 'the probe wait is unref\'d');
  await new Promise((resolve) => setTimeout(resolve, 80));
  assert.ok(probes >= 1, 'the unref\'d timer still fires while the process is alive');
  connectivity.close();
  const after = probes;
  await new Promise((resolve) => setTimeout(resolve, 150));
  assert.is(probes, after, 'no probe after close()');
  assert.is(liveTimers(), before);
});

test('isConnectionExpensive is the base adapter’s', () => {
  const base = { ...manualConnectivity(true), isConnectionExpensive: () => true };
  const connectivity = failureAwareConnectivity(base, { clock: handClock() });
  assert.is(connectivity.isConnectionExpensive?.(), true);
  connectivity.close();
});

test.run();
