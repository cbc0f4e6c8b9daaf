/** manualConnectivity / manualForeground, and through them the shared listener rules of every adapter. */
import * as assert from 'uvu/assert';
import { suite } from '../../helpers/timed-suite.js';
import { manualConnectivity, manualForeground } from '../../../src/platform/connectivity/manual.js';
import { recorder } from './recorder.js';

const test = suite('manual connectivity');

test('starts online by default, offline when asked, and reads what set() wrote', () => {
  assert.is(manualConnectivity().isOnline(), true);
  const connectivity = manualConnectivity(false);
  assert.is(connectivity.isOnline(), false);
  connectivity.set(true);
  assert.is(connectivity.isOnline(), true);
});

test('listeners hear each change once, never a repeat of the same value', () => {
  const connectivity = manualConnectivity();
  const heard = recorder<boolean>();
  connectivity.subscribe(heard.listener);
  connectivity.set(true);
  connectivity.set(false);
  connectivity.set(false);
  connectivity.set(true);
  assert.equal(heard.calls, [false, true]);
});

test('unsubscribe stops one subscription, is harmless twice, and leaves the others', () => {
  const connectivity = manualConnectivity();
  const first = recorder<boolean>();
  const second = recorder<boolean>();
  const stopFirst = connectivity.subscribe(first.listener);
  connectivity.subscribe(second.listener);
  connectivity.set(false);
  stopFirst();
  stopFirst();
  connectivity.set(true);
  assert.equal(first.calls, [false]);
  assert.equal(second.calls, [false, true]);
});

test('the same function subscribed twice is two subscriptions, each removable', () => {
  const connectivity = manualConnectivity();
  const heard = recorder<boolean>();
  const stop = connectivity.subscribe(heard.listener);
  connectivity.subscribe(heard.listener);
  connectivity.set(false);
  stop();
  connectivity.set(true);
  assert.equal(heard.calls, [false, false, true]);
});

test('a change made while nobody listened is not replayed to a later subscriber, and the next one is heard', () => {
  const connectivity = manualConnectivity();
  connectivity.set(false);
  const heard = recorder<boolean>();
  connectivity.subscribe(heard.listener);
  connectivity.set(false);
  connectivity.set(true);
  assert.equal(heard.calls, [true]);
});

test('a throwing listener does not stop the others, and its error is reported, not swallowed', async () => {
  const connectivity = manualConnectivity();
  const heard = recorder<boolean>();
  const boom = new Error('listener failed');
  connectivity.subscribe(() => {
    throw boom;
  });
  connectivity.subscribe(heard.listener);
  const reported = new Promise<unknown>((resolve) => process.once('uncaughtException', resolve));
  connectivity.set(false);
  assert.equal(heard.calls, [false]);
  assert.is(await reported, boom);
});

test('a listener that unsubscribes another during a notification: the removed one is not called', () => {
  const connectivity = manualConnectivity();
  const heard = recorder<boolean>();
  let stopSecond = () => {};
  connectivity.subscribe(() => stopSecond());
  stopSecond = connectivity.subscribe(heard.listener);
  connectivity.set(false);
  assert.equal(heard.calls, []);
});

test('manualForeground: same rules for visibility', () => {
  const foreground = manualForeground();
  assert.is(foreground.isForeground(), true);
  const heard = recorder<boolean>();
  const stop = foreground.subscribe(heard.listener);
  foreground.set(false);
  foreground.set(false);
  foreground.set(true);
  stop();
  foreground.set(false);
  assert.equal(heard.calls, [false, true]);
  assert.is(foreground.isForeground(), false);
  assert.is(manualForeground(false).isForeground(), false);
});

test.run();
