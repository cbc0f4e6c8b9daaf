/**
 * The two pieces behind the stream's lifecycle on bad networks, each alone: the idle watch
 * (idle-watch.ts) on hand-driven timers, and the offline cut (offline-cut.ts) on a manual
 * connectivity adapter, including adapters that call the listener during subscribe() (as
 * NetInfo's addEventListener does) and ones that were already offline.
 */
import * as assert from 'uvu/assert';
import { suite } from '../../helpers/timed-suite.js';
import { watchIdle } from '../../../src/repository/sse/idle-watch.js';
import { cutWhenOffline } from '../../../src/repository/sse/offline-cut.js';
import { manualConnectivity, type Connectivity } from '../../../src/index.js';

const test = suite('sse: idle watch and offline cut, alone');

/** Timers moved by hand: `advance(ms)` fires what falls due, in order. */
function handTimers() {
  let now = 0;
  let next = 1;
  const due = new Map<number, { at: number; callback: () => void }>();
  return {
    get armed() {
      return due.size;
    },
    setTimeout(callback: () => void, ms: number) {
      const id = next++;
      due.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout(handle: unknown) {
      due.delete(handle as number);
    },
    advance(ms: number) {
      now += ms;
      for (const [id, timer] of [...due].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at > now || !due.has(id)) continue;
        due.delete(id);
        timer.callback();
      }
    },
  };
}

test('the idle watch fires once after ms of silence; each touch restarts it', () => {
  const timers = handTimers();
  let fired = 0;
  const watch = watchIdle(100, () => fired++, timers);
  timers.advance(99);
  watch.touch();
  timers.advance(99);
  watch.touch();
  timers.advance(99);
  assert.is(fired, 0, 'touched in time, twice');
  timers.advance(1);
  assert.is(fired, 1);
  watch.touch();
  timers.advance(1_000);
  assert.is(fired, 1, 'once only: a touch after it fired arms nothing');
  assert.is(timers.armed, 0);
});

test('a stopped idle watch leaves no timer and never fires', () => {
  const timers = handTimers();
  let fired = 0;
  const watch = watchIdle(100, () => fired++, timers);
  watch.stop();
  watch.touch();
  timers.advance(1_000);
  assert.is(fired, 0);
  assert.is(timers.armed, 0);
});

test('offline cut: aborts the connection when connectivity goes offline, once; dispose unsubscribes', () => {
  const connectivity = manualConnectivity(true);
  const connection = new AbortController();
  const cut = cutWhenOffline(connectivity, connection);
  connectivity.set(true);
  assert.not.ok(cut.cut);
  assert.not.ok(connection.signal.aborted);
  connectivity.set(false);
  assert.ok(cut.cut);
  assert.ok(connection.signal.aborted);
  cut.dispose();

  connectivity.set(true);
  const later = new AbortController();
  const other = cutWhenOffline(connectivity, later);
  other.dispose();
  connectivity.set(false);
  assert.not.ok(later.signal.aborted, 'disposed: no longer listening');
});

test('offline cut: already offline, or told so during subscribe(), cuts at once; no adapter, never', () => {
  const offline = new AbortController();
  assert.ok(cutWhenOffline(manualConnectivity(false), offline).cut);
  assert.ok(offline.signal.aborted);

  let unsubscribed = 0;
  const eager: Connectivity = {
    isOnline: () => false,
    subscribe(listener) {
      listener(false);
      return () => void unsubscribed++;
    },
  };
  const told = new AbortController();
  const cut = cutWhenOffline(eager, told);
  assert.ok(cut.cut);
  cut.dispose();
  assert.is(unsubscribed, 1);

  const none = new AbortController();
  assert.not.ok(cutWhenOffline(undefined, none).cut);
  assert.not.ok(none.signal.aborted);
});

test('offline cut: a connection already ended by something else is not claimed as a cut', () => {
  const connectivity = manualConnectivity(true);
  const connection = new AbortController();
  const cut = cutWhenOffline(connectivity, connection);
  connection.abort();
  connectivity.set(false);
  assert.not.ok(cut.cut, 'the loop must handle that ending as what it was');
  cut.dispose();
});

test.run();
