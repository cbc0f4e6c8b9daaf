/** netInfoConnectivity over an object shaped like @react-native-community/netinfo's default export. */
import * as assert from 'uvu/assert';
import { suite } from '../../helpers/timed-suite.js';
import { netInfoConnectivity, type NetInfoLike, type NetInfoStateLike } from '../../../src/platform/connectivity/netinfo.js';
import { recorder } from './recorder.js';

const wifi = (isInternetReachable: boolean | null, isConnectionExpensive = false): NetInfoStateLike => ({
  isConnected: true,
  isInternetReachable,
  details: { isConnectionExpensive },
});
const none: NetInfoStateLike = { isConnected: false, isInternetReachable: false, details: null };

/** NetInfo's shape: listeners with an unsubscribe function, and a `fetch` the test answers by hand. */
function fakeNetInfo() {
  const listeners = new Set<(state: NetInfoStateLike) => void>();
  const fetches: Array<{ resolve: (state: NetInfoStateLike) => void; reject: (error: unknown) => void }> = [];
  const netInfo: NetInfoLike & { emit(state: NetInfoStateLike): void; listeners: number; fetches: typeof fetches } = {
    addEventListener(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    fetch: () => new Promise((resolve, reject) => fetches.push({ resolve, reject })),
    emit: (state) => listeners.forEach((listener) => listener(state)),
    get listeners() {
      return listeners.size;
    },
    fetches,
  };
  return netInfo;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

const test = suite('netinfo connectivity');

test('online = connected and not known-unreachable; null reachability is unknown, so online', () => {
  const netInfo = fakeNetInfo();
  const connectivity = netInfoConnectivity(netInfo);
  const cases: Array<[NetInfoStateLike, boolean]> = [
    [wifi(true), true],
    [wifi(null), true],
    [wifi(false), false],
    [none, false],
    [{ isConnected: null, isInternetReachable: null, details: null }, true],
    [{ isConnected: true, isInternetReachable: true, details: null }, true],
  ];
  for (const [state, online] of cases) {
    netInfo.emit(state);
    assert.is(connectivity.isOnline(), online, JSON.stringify(state));
  }
});

test('listeners hear each change once; isInternetReachable and isConnectionExpensive follow the last state', () => {
  const netInfo = fakeNetInfo();
  const connectivity = netInfoConnectivity(netInfo);
  assert.is(connectivity.isInternetReachable(), null);
  assert.is(connectivity.isConnectionExpensive(), undefined);
  const heard = recorder<boolean>();
  const stop = connectivity.subscribe(heard.listener);
  netInfo.emit(wifi(null));
  netInfo.emit(wifi(true, true));
  assert.is(connectivity.isInternetReachable(), true);
  assert.is(connectivity.isConnectionExpensive(), true);
  netInfo.emit(none);
  netInfo.emit(wifi(false));
  netInfo.emit(wifi(true));
  stop();
  netInfo.emit(none);
  assert.equal(heard.calls, [false, true]);
  assert.is(connectivity.isInternetReachable(), false);
  assert.is(connectivity.isConnectionExpensive(), undefined, 'no details when disconnected');
  assert.is(connectivity.isOnline(), false, 'still current with no subscriber');
});

test('the initial belief holds until NetInfo answers; fetch seeds it', async () => {
  const netInfo = fakeNetInfo();
  const connectivity = netInfoConnectivity(netInfo, { initial: false });
  assert.is(connectivity.isOnline(), false);
  netInfo.fetches[0]!.resolve(wifi(true));
  await tick();
  assert.is(connectivity.isOnline(), true);
});

test('a fetch answer older than an event does not overwrite it', async () => {
  const netInfo = fakeNetInfo();
  const connectivity = netInfoConnectivity(netInfo);
  netInfo.emit(none);
  netInfo.fetches[0]!.resolve(wifi(true));
  await tick();
  assert.is(connectivity.isOnline(), false);
  const refreshed = connectivity.refresh();
  netInfo.fetches[1]!.resolve(wifi(true));
  assert.is(await refreshed, true);
});

test('a failing fetch is reported and the belief kept', async () => {
  const netInfo = fakeNetInfo();
  const errors: unknown[] = [];
  const connectivity = netInfoConnectivity(netInfo, { onError: (error) => errors.push(error) });
  const boom = new Error('native module missing');
  netInfo.fetches[0]!.reject(boom);
  await tick();
  assert.equal(errors, [boom]);
  assert.is(connectivity.isOnline(), true);
});

test('close() removes the NetInfo listener once', async () => {
  const netInfo = fakeNetInfo();
  const connectivity = netInfoConnectivity(netInfo);
  assert.is(netInfo.listeners, 1);
  connectivity.close();
  connectivity.close();
  assert.is(netInfo.listeners, 0);
  netInfo.fetches[0]!.resolve(none);
  await tick();
});

test.run();
