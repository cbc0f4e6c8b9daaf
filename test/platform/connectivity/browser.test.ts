/**
 * browserConnectivity and browserForeground against real EventTargets (Node's own), standing
 * in for a window and a document: the events are dispatched exactly as a browser would.
 */
import * as assert from 'uvu/assert';
import { suite } from '../../helpers/timed-suite.js';
import { browserConnectivity, type NetworkInformationLike } from '../../../src/platform/connectivity/browser.js';
import { browserForeground } from '../../../src/platform/connectivity/browser-foreground.js';
import { recorder } from './recorder.js';

/** A window-like EventTarget whose navigator the test sets, counting the listeners attached. */
class FakeWindow extends EventTarget {
  navigator: { onLine?: boolean; connection?: NetworkInformationLike } = { onLine: true };
  attached = 0;
  override addEventListener(...args: Parameters<EventTarget['addEventListener']>): void {
    this.attached++;
    super.addEventListener(...args);
  }
  override removeEventListener(...args: Parameters<EventTarget['removeEventListener']>): void {
    this.attached--;
    super.removeEventListener(...args);
  }
  /** What a browser does when the network goes: onLine flips, then the event fires. */
  go(online: boolean): void {
    this.navigator.onLine = online;
    this.dispatchEvent(new Event(online ? 'online' : 'offline'));
  }
}

class FakeDocument extends EventTarget {
  visibilityState: string = 'visible';
  show(state: 'visible' | 'hidden'): void {
    this.visibilityState = state;
    this.dispatchEvent(new Event('visibilitychange'));
  }
}

const test = suite('browser connectivity');

test('reads navigator.onLine live while nobody listens', () => {
  const win = new FakeWindow();
  const connectivity = browserConnectivity(win);
  assert.is(connectivity.isOnline(), true);
  win.navigator.onLine = false;
  assert.is(connectivity.isOnline(), false);
  assert.is(win.attached, 0, 'no host listener without a subscriber');
});

test('online/offline events reach each listener once; repeats are not re-announced', () => {
  const win = new FakeWindow();
  const connectivity = browserConnectivity(win);
  const heard = recorder<boolean>();
  connectivity.subscribe(heard.listener);
  win.go(false);
  win.dispatchEvent(new Event('offline'));
  win.go(true);
  win.go(true);
  assert.equal(heard.calls, [false, true]);
  assert.is(connectivity.isOnline(), true);
});

test('host listeners are attached once for many subscribers and removed with the last', () => {
  const win = new FakeWindow();
  const connectivity = browserConnectivity(win);
  const stops = [connectivity.subscribe(() => {}), connectivity.subscribe(() => {}), connectivity.subscribe(() => {})];
  assert.is(win.attached, 2, "one 'online' and one 'offline' listener");
  stops[0]!();
  stops[1]!();
  assert.is(win.attached, 2);
  stops[2]!();
  stops[2]!();
  assert.is(win.attached, 0);
});

test('a subscriber that arrives while offline hears the way back online', () => {
  const win = new FakeWindow();
  win.navigator.onLine = false;
  const connectivity = browserConnectivity(win);
  const heard = recorder<boolean>();
  connectivity.subscribe(heard.listener);
  assert.is(connectivity.isOnline(), false);
  win.go(true);
  assert.equal(heard.calls, [true]);
});

test('isConnectionExpensive from the Network Information API: saveData or cellular; undefined when unknown', () => {
  const win = new FakeWindow();
  const connectivity = browserConnectivity(win);
  assert.is(connectivity.isConnectionExpensive?.(), undefined);
  win.navigator.connection = {};
  assert.is(connectivity.isConnectionExpensive?.(), undefined);
  win.navigator.connection = { type: 'wifi' };
  assert.is(connectivity.isConnectionExpensive?.(), false);
  win.navigator.connection = { type: 'cellular' };
  assert.is(connectivity.isConnectionExpensive?.(), true);
  win.navigator.connection = { saveData: true, type: 'wifi' };
  assert.is(connectivity.isConnectionExpensive?.(), true);
  win.navigator.connection = { saveData: false };
  assert.is(connectivity.isConnectionExpensive?.(), false);
});

test('without a target it looks the global scope up per call: Node (no window events) is always online', () => {
  const connectivity = browserConnectivity();
  assert.is(connectivity.isOnline(), true);
  const stop = connectivity.subscribe(() => {});
  stop();
});

test('without a target, a window installed after creation is the one used (never captured at import)', () => {
  const connectivity = browserConnectivity();
  const win = new FakeWindow();
  const scope = globalThis as unknown as Record<string, unknown>;
  const saved = { add: scope['addEventListener'], remove: scope['removeEventListener'], nav: Object.getOwnPropertyDescriptor(globalThis, 'navigator') };
  scope['addEventListener'] = win.addEventListener.bind(win);
  scope['removeEventListener'] = win.removeEventListener.bind(win);
  Object.defineProperty(globalThis, 'navigator', { value: win.navigator, configurable: true, writable: true });
  try {
    const heard = recorder<boolean>();
    const stop = connectivity.subscribe(heard.listener);
    win.go(false);
    assert.is(connectivity.isOnline(), false);
    assert.equal(heard.calls, [false]);
    stop();
    assert.is(win.attached, 0);
  } finally {
    scope['addEventListener'] = saved.add;
    scope['removeEventListener'] = saved.remove;
    if (saved.nav) Object.defineProperty(globalThis, 'navigator', saved.nav);
    else delete scope['navigator'];
  }
});

const visibility = suite('browser foreground');

visibility('visible is foreground; visibilitychange reaches listeners once per change', () => {
  const doc = new FakeDocument();
  const foreground = browserForeground(doc);
  assert.is(foreground.isForeground(), true);
  const heard = recorder<boolean>();
  const stop = foreground.subscribe(heard.listener);
  doc.show('hidden');
  doc.show('hidden');
  doc.show('visible');
  stop();
  doc.show('hidden');
  assert.equal(heard.calls, [false, true]);
  assert.is(foreground.isForeground(), false, 'read live again once nobody listens');
});

visibility('without a document (Node, React Native) it is always foreground', () => {
  const foreground = browserForeground();
  assert.is(foreground.isForeground(), true);
  foreground.subscribe(() => {})();
});

test.run();
visibility.run();
