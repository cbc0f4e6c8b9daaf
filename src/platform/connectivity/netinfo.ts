/**
 * React Native connectivity from a NetInfo-compatible object (the default export of
 * @react-native-community/netinfo), typed structurally so nothing here imports the package.
 * NetInfo says `isInternetReachable: null` until its reachability check has run: unknown
 * counts as online (a send will tell), only an explicit false is offline.
 */
import type { Connectivity } from './types.js';
import { settableValue } from './watched-value.js';

/** The fields of NetInfo's state this adapter reads. */
export interface NetInfoStateLike {
  readonly isConnected?: boolean | null | undefined;
  readonly isInternetReachable?: boolean | null | undefined;
  readonly details?: { readonly isConnectionExpensive?: boolean | undefined } | null | undefined;
}

/** The part of NetInfo this adapter uses: `addEventListener` (returns the unsubscribe) and `fetch`. */
export interface NetInfoLike {
  addEventListener(listener: (state: NetInfoStateLike) => void): () => void;
  fetch(): Promise<NetInfoStateLike>;
}

/** Options of netInfoConnectivity. */
export interface NetInfoConnectivityOptions {
  /** What isOnline() says before NetInfo's first answer [true]. */
  readonly initial?: boolean | undefined;
  /** Called when `fetch()` rejects (the adapter keeps its last belief) [console.warn]. */
  readonly onError?: ((error: unknown) => void) | undefined;
}

/** Connectivity plus what only NetInfo knows, and `close()` to stop listening to it. */
export interface NetInfoConnectivity extends Connectivity {
  /** NetInfo's last `isInternetReachable`: null while unknown. */
  isInternetReachable(): boolean | null;
  isConnectionExpensive(): boolean | undefined;
  /** Asks NetInfo again (`fetch()`); resolves with the new belief. */
  refresh(): Promise<boolean>;
  /** Removes the NetInfo listener; the adapter keeps its last belief. */
  close(): void;
}

const onlineOf = (state: NetInfoStateLike): boolean => state.isConnected !== false && state.isInternetReachable !== false;

/**
 * Connectivity from NetInfo: online unless it says not connected or internet unreachable.
 * Listens from creation (so the belief is current even before anyone subscribes) until close().
 */
export function netInfoConnectivity(netInfo: NetInfoLike, options: NetInfoConnectivityOptions = {}): NetInfoConnectivity {
  const value = settableValue(options.initial ?? true);
  const onError = options.onError ?? ((error: unknown) => console.warn('[tether connectivity] NetInfo.fetch failed', error));
  let last: NetInfoStateLike | undefined;
  // Events outrank an older fetch: a fetch answer is applied only if no event came after it started.
  let events = 0;
  const apply = (state: NetInfoStateLike) => {
    last = state;
    value.set(onlineOf(state));
  };
  const unsubscribe = netInfo.addEventListener((state) => {
    events++;
    apply(state);
  });
  const refresh = async (): Promise<boolean> => {
    const seen = events;
    try {
      const state = await netInfo.fetch();
      if (events === seen) apply(state);
    } catch (error) {
      onError(error);
    }
    return value.get();
  };
  // NetInfo calls a new listener "soon" with the current state; fetch covers hosts that do not.
  void refresh();
  let closed = false;
  return {
    isOnline: value.get,
    subscribe: value.subscribe,
    isInternetReachable: () => last?.isInternetReachable ?? null,
    isConnectionExpensive: () => last?.details?.isConnectionExpensive ?? undefined,
    refresh,
    close() {
      if (closed) return;
      closed = true;
      unsubscribe();
    },
  };
}
