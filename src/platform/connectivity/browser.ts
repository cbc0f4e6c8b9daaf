/**
 * The browser's (and a worker's) connectivity: `navigator.onLine` and the global 'online' /
 * 'offline' events. `onLine === false` is reliable; `true` only means a network interface is
 * up, which is why failureAwareConnectivity can sit on top. Globals are looked up at each
 * call, never at import, so the module loads in Node and React Native and honours polyfills.
 */
import type { Connectivity } from './types.js';
import { watchedValue } from './watched-value.js';

/** The Network Information API's fields this adapter reads (Chromium, Android WebView). */
export interface NetworkInformationLike {
  readonly saveData?: boolean | undefined;
  readonly type?: string | undefined;
}

/** What browserConnectivity reads: a window, a worker's global scope, or a stand-in for tests. */
export interface BrowserConnectivityTarget {
  readonly navigator?: { readonly onLine?: boolean | undefined; readonly connection?: NetworkInformationLike | undefined } | undefined;
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
  removeEventListener(type: 'online' | 'offline', listener: () => void): void;
}

/** The global scope when it can dispatch online/offline events (not Node, not React Native). */
function globalTarget(): BrowserConnectivityTarget | undefined {
  const scope = globalThis as Partial<BrowserConnectivityTarget>;
  return typeof scope.addEventListener === 'function' && typeof scope.removeEventListener === 'function'
    ? (scope as BrowserConnectivityTarget)
    : undefined;
}

/** The navigator of `target`, else the global one (Node ≥ 21 has a navigator but no events). */
function navigatorOf(target: BrowserConnectivityTarget | undefined): BrowserConnectivityTarget['navigator'] {
  return target?.navigator ?? (globalThis as { navigator?: BrowserConnectivityTarget['navigator'] }).navigator;
}

/**
 * Connectivity from `navigator.onLine` and the 'online'/'offline' events of `target` (default
 * the global scope, looked up lazily); where there is neither, it says online (a send will tell).
 */
export function browserConnectivity(target?: BrowserConnectivityTarget): Connectivity {
  const resolve = () => target ?? globalTarget();
  // Only an explicit false is offline: an absent navigator cannot know.
  const read = () => navigatorOf(resolve())?.onLine !== false;
  const value = watchedValue(read, (changed) => {
    const host = resolve();
    if (!host) return () => undefined;
    // The event's own type is the news: a stand-in (or a fast flip) may not have updated onLine yet.
    const online = () => changed(true);
    const offline = () => changed(false);
    host.addEventListener('online', online);
    host.addEventListener('offline', offline);
    return () => {
      host.removeEventListener('online', online);
      host.removeEventListener('offline', offline);
    };
  });
  return {
    isOnline: value.get,
    subscribe: value.subscribe,
    isConnectionExpensive() {
      const connection = navigatorOf(resolve())?.connection;
      if (!connection) return undefined;
      // The user asked to save data, or the radio is cellular: both mean "hold big uploads".
      if (connection.saveData === true || connection.type === 'cellular') return true;
      return connection.saveData === false || connection.type !== undefined ? false : undefined;
    },
  };
}
