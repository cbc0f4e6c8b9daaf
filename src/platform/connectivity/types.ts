/**
 * The connectivity contract every adapter speaks (browser events, React Native's NetInfo, a
 * manual switch, failure-driven detection). The offline queue and sync only ever read it
 * through this shape, so an app can hand in its own.
 */

/** Whether the device can reach the network now, and a way to hear when that changes. */
export interface Connectivity {
  /** The current belief; adapters that cannot know say `true` (a send will tell). */
  isOnline(): boolean;
  /** Calls `listener` on every change (never for a repeat of the same value); returns the unsubscribe function. */
  subscribe(listener: (online: boolean) => void): () => void;
  /** True on a metered connection (cellular, a hotspot); undefined when the platform does not say. */
  isConnectionExpensive?(): boolean | undefined;
  /** Optional: the SDK reports a send that failed with CONNECTION here (failureAwareConnectivity learns from it). */
  reportFailure?(): void;
  /** Optional: the SDK reports a send that got any HTTP answer here. */
  reportSuccess?(): void;
}

/** Whether the app is in front of the user (page visible, React Native AppState 'active'). */
export interface Foreground {
  isForeground(): boolean;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (foreground: boolean) => void): () => void;
}
