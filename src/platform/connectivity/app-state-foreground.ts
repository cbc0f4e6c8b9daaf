/**
 * React Native's AppState as Foreground, typed structurally so nothing imports react-native:
 * pass `AppState` from 'react-native'. 'active' is foreground; 'background' and 'inactive'
 * (iOS, mid-transition or behind the control centre) are not; an unknown state at launch
 * counts as foreground, since the app is starting in front of the user.
 */
import type { Foreground } from './types.js';
import { watchedValue } from './watched-value.js';

/** The part of React Native's AppState this adapter uses. */
export interface AppStateLike {
  readonly currentState: string | null | undefined;
  addEventListener(type: 'change', listener: (state: string) => void): { remove(): void };
}

const isForegroundState = (state: string | null | undefined): boolean => state !== 'background' && state !== 'inactive';

/** Foreground from React Native's AppState ('active' → foreground). */
export function appStateForeground(appState: AppStateLike): Foreground {
  const value = watchedValue(
    () => isForegroundState(appState.currentState),
    (changed) => {
      const subscription = appState.addEventListener('change', (state) => changed(isForegroundState(state)));
      return () => subscription.remove();
    },
  );
  return { isForeground: value.get, subscribe: value.subscribe };
}
