/** appStateForeground over an object shaped like React Native's AppState. */
import * as assert from 'uvu/assert';
import { suite } from '../../helpers/timed-suite.js';
import { appStateForeground, type AppStateLike } from '../../../src/platform/connectivity/app-state-foreground.js';
import { recorder } from './recorder.js';

/** AppState's shape: `currentState` and 'change' listeners removed through a subscription. */
function fakeAppState(initial: string | null): AppStateLike & { emit(state: string): void; listeners: number } {
  const listeners = new Set<(state: string) => void>();
  const appState = {
    currentState: initial,
    get listeners() {
      return listeners.size;
    },
    addEventListener(_type: 'change', listener: (state: string) => void) {
      const own = (state: string) => listener(state);
      listeners.add(own);
      return { remove: () => void listeners.delete(own) };
    },
    emit(state: string) {
      appState.currentState = state;
      for (const listener of [...listeners]) listener(state);
    },
  };
  return appState;
}

const test = suite('app state foreground');

test("'active' and an unknown state at launch are foreground; 'background' and 'inactive' are not", () => {
  for (const [state, expected] of [['active', true], [null, true], ['unknown', true], ['background', false], ['inactive', false]] as const) {
    assert.is(appStateForeground(fakeAppState(state)).isForeground(), expected, String(state));
  }
});

test('changes reach listeners once; inactive → background is no change; the last unsubscribe removes the AppState listener', () => {
  const appState = fakeAppState('active');
  const foreground = appStateForeground(appState);
  const heard = recorder<boolean>();
  const stop = foreground.subscribe(heard.listener);
  const stopOther = foreground.subscribe(() => {});
  assert.is(appState.listeners, 1);
  appState.emit('inactive');
  appState.emit('background');
  appState.emit('active');
  assert.equal(heard.calls, [false, true]);
  stop();
  assert.is(appState.listeners, 1);
  stopOther();
  assert.is(appState.listeners, 0);
  appState.emit('background');
  assert.is(foreground.isForeground(), false);
});

test.run();
