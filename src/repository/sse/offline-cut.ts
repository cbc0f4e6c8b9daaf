/**
 * Cuts an open connection when connectivity reports offline. A phone that lost its network
 * rarely gets a FIN or RST for the stream's socket: the connection just goes quiet, and would
 * only be noticed by the idle timeout (up to `timeoutMs` later, 30 s by default) or never, on
 * platforms that keep a dead socket "open". The adapter's word is the earliest sign we get, so
 * the connection is ended at once, as the stream's own doing (no error for the app, no attempt
 * counted), and the loop waits for the network before reconnecting from Last-Event-ID. Events
 * already received are kept; the server replays only what came after the last one yielded.
 */
import type { Connectivity } from '../../platform/connectivity/types.js';

/** Watches one connection: `cut` is true once it was aborted for going offline; `dispose()` drops the listener. */
export interface OfflineCut {
  readonly cut: boolean;
  dispose(): void;
}

const NONE: OfflineCut = { cut: false, dispose() {} };

/** Aborts `connection` as soon as `connectivity` says offline (at once when it already does). */
export function cutWhenOffline(connectivity: Connectivity | undefined, connection: AbortController): OfflineCut {
  if (connectivity === undefined) return NONE;
  let cut = false;
  const onChange = (online: boolean) => {
    if (online || cut || connection.signal.aborted) return;
    cut = true;
    connection.abort();
  };
  const unsubscribe = connectivity.subscribe(onChange);
  // It may have gone offline between the loop's check and the subscription.
  if (!connectivity.isOnline()) onChange(false);
  return {
    get cut() {
      return cut;
    },
    dispose: unsubscribe,
  };
}
