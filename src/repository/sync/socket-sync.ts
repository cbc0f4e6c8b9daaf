/**
 * WebSocket push for an incremental sync. The socket only says *that* something changed; the
 * data always comes through the sync's pull, so a missed, duplicated or forged message can never
 * put wrong data into the app's store, and a reconnect is made whole by one pull.
 *
 * Protocol (text frames of JSON; docs/sync.md): after open the client sends
 * `{type:'auth', token}` (the token travels in the first message, not the URL, so it stays out
 * of proxy and server access logs; the browser WebSocket cannot send headers), waits for
 * `{type:'ready'}`, sends `{type:'subscribe', topics}`, and pulls to fill the gap. The server
 * sends `{type:'change', topic, id?}`; the client pings with `{type:'ping'}` every `heartbeatMs`
 * and reconnects (backoff + jitter) when nothing arrives for `heartbeatTimeoutMs`.
 *
 * Connectivity (like the SSE stream, docs/sse.md): when the adapter reports offline the open
 * socket is let go at once (close 1000 'offline'; no error, no failure counted) rather than left
 * for the heartbeat to find dead, and nothing is attempted until it reports online again; then
 * the socket reconnects at once, resubscribes and pulls the gap. A backoff wait is cut short by
 * the return online or to the front; the server's own wait (a 1013 close, socket-close.ts) is not.
 */
import type { Connectivity, Foreground } from '../../platform/connectivity/types.js';
import { backoffDelay, systemScheduler, type Scheduler } from './scheduler.js';
import { CLIENT_CLOSE, serverRetryDelayMs, type SocketCloseEvent } from './socket-close.js';
import type { RejectedRecord, Sync } from './types.js';

/** The part of the platform WebSocket this client uses (browsers, React Native, Node ≥ 22, the `ws` package). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  onclose: ((event: SocketCloseEvent) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/** A WebSocket constructor. */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** Options of `createSocketSync`. */
export interface SocketSyncOptions {
  /** wss:// URL of the push endpoint (ws:// only on loopback or with `allowInsecure`). */
  readonly url: string;
  /** Allows ws:// to a non-loopback host (the token would travel in clear) [false]. */
  readonly allowInsecure?: boolean | undefined;
  /** The sync each change and each (re)connect runs. */
  readonly sync: Sync;
  /** The current access token, read at every connect (so a refreshed token is used). */
  readonly token: () => string | undefined | Promise<string | undefined>;
  /** Topics to subscribe to after each connect ['orders']; a change on another topic is reported and ignored. */
  readonly topics?: ReadonlyArray<string> | undefined;
  /** The WebSocket constructor [globalThis.WebSocket, read when created]. */
  readonly WebSocket?: WebSocketConstructor | undefined;
  /** Ping interval [25 s: under the 30–60 s idle cut of common proxies and mobile NATs]. */
  readonly heartbeatMs?: number | undefined;
  /** Silence after which the socket is deemed dead and replaced [2 × heartbeatMs + 5 s]. */
  readonly heartbeatTimeoutMs?: number | undefined;
  /** Reconnect backoff [1 s doubling to 60 s, jittered]; `maxMs` also caps a server's 1013 wait. */
  readonly backoff?: { readonly baseMs?: number | undefined; readonly maxMs?: number | undefined } | undefined;
  /**
   * Offline: the open socket is closed at once and nothing is attempted; back online: a reconnect
   * at once [the sync's `connectivity` (the SDK's, for a generated feed)].
   */
  readonly connectivity?: Connectivity | undefined;
  /**
   * A reconnect at once when the app comes back in front [the sync's `foreground`]. In the
   * background an open socket is left open (the OS cuts it when it wants, and a return to the
   * front then reconnects at once; docs/sync.md).
   */
  readonly foreground?: Foreground | undefined;
  readonly scheduler?: Scheduler | undefined;
  /** Hears messages the client refused (bad JSON, unknown topic or type). */
  readonly onInvalid?: ((rejected: RejectedRecord) => void) | undefined;
  /** Hears failures of the sync runs the socket triggered (the socket stays up). */
  readonly onError?: ((error: unknown) => void) | undefined;
  /** Hears state changes. */
  readonly onState?: ((state: SocketState) => void) | undefined;
}

/** Where the socket stands. */
export type SocketState = 'connecting' | 'open' | 'waiting' | 'stopped';

/** A running socket sync. */
export interface SocketSync {
  readonly state: SocketState;
  /** Connections opened so far (1 + reconnects). */
  readonly connects: number;
  /** Closes the socket and stops reconnecting. */
  stop(): void;
}

const OPEN = 1;
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Refuses a URL that is not ws(s):// and a clear-text one off loopback: the first message carries the token. */
function checkSocketUrl(url: string, allowInsecure: boolean): void {
  const parsed = new URL(url);
  if (parsed.protocol !== 'wss:' && parsed.protocol !== 'ws:') throw new TypeError(`A WebSocket URL must be wss:// (got ${parsed.protocol}//).`);
  if (parsed.protocol === 'ws:' && !allowInsecure && !LOOPBACK.test(parsed.hostname)) {
    throw new TypeError(`Refusing ws:// to ${parsed.hostname}: the access token would travel in clear. Use wss://, or allowInsecure: true.`);
  }
}

/** Connects at once and keeps the connection (and the sync) going until `stop()`. */
export function createSocketSync(options: SocketSyncOptions): SocketSync {
  const scheduler = options.scheduler ?? systemScheduler;
  const heartbeatMs = options.heartbeatMs ?? 25_000;
  const heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? 2 * heartbeatMs + 5_000;
  const baseMs = options.backoff?.baseMs ?? 1_000;
  const maxMs = options.backoff?.maxMs ?? 60_000;
  const topics = options.topics ?? ['orders'];
  // The app gives its adapters once (to createSdk, or createSync); explicit options still win.
  const connectivity = options.connectivity ?? options.sync.connectivity;
  const foreground = options.foreground ?? options.sync.foreground;
  checkSocketUrl(options.url, options.allowInsecure ?? false);
  // Looked up when the sync is created, not at import, so a polyfill installed at startup counts.
  const Ctor = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (!Ctor) throw new TypeError('No WebSocket on this platform: pass its constructor as `WebSocket`.');

  let state: SocketState = 'connecting';
  let socket: WebSocketLike | undefined;
  let failures = 0;
  let connects = 0;
  let reconnectTimer: unknown;
  let pingTimer: unknown;
  let deadTimer: unknown;
  // Bumped by every connect, cut and stop: a connect still awaiting its token after one of
  // those finds it changed and opens nothing (no second socket, none after going offline).
  let attempt = 0;
  // The pending reconnect timer is the server's own wait (1013): coming back does not cut it.
  let held = false;

  const setState = (next: SocketState) => {
    if (state === next) return;
    state = next;
    options.onState?.(next);
  };
  const online = () => connectivity?.isOnline() ?? true;
  const report = (reason: RejectedRecord['reason'], message: string) => options.onInvalid?.({ reason, path: [], message, id: undefined });
  const pull = () => {
    options.sync.run().catch((error: unknown) => options.onError?.(error));
  };
  const clearTimers = () => {
    for (const t of [reconnectTimer, pingTimer, deadTimer]) if (t !== undefined) scheduler.clearTimeout(t);
    reconnectTimer = pingTimer = deadTimer = undefined;
  };
  const send = (message: object) => {
    if (socket?.readyState === OPEN) socket.send(JSON.stringify(message));
  };
  // Any frame proves the connection alive; silence past the timeout means a dead one (a mobile
  // network switch often leaves a socket that never errors). It is let go at once: a dead link
  // never answers the close frame, and waiting for the handshake (30 s in the `ws` package,
  // browsers have their own) would only delay the replacement.
  const heard = () => {
    if (deadTimer !== undefined) scheduler.clearTimeout(deadTimer);
    deadTimer = scheduler.setTimeout(() => {
      deadTimer = undefined;
      const ws = socket;
      if (!ws) return;
      socket = undefined;
      clearTimers();
      ws.close(CLIENT_CLOSE.heartbeat.code, CLIENT_CLOSE.heartbeat.reason);
      scheduleReconnect();
    }, heartbeatTimeoutMs);
  };
  const ping = () => {
    pingTimer = scheduler.setTimeout(() => {
      send({ type: 'ping' });
      ping();
    }, heartbeatMs);
  };

  const onMessage = (data: unknown) => {
    heard();
    let message: unknown;
    try {
      message = typeof data === 'string' ? JSON.parse(data) : undefined;
    } catch {
      message = undefined;
    }
    if (typeof message !== 'object' || message === null) return report('not-an-object', 'a push message must be a JSON object');
    const { type, topic } = message as { type?: unknown; topic?: unknown };
    if (type === 'pong') return;
    if (type === 'ready') {
      failures = 0;
      setState('open');
      send({ type: 'subscribe', topics });
      // The gap since the last connection (or since the app started) is filled by one pull.
      return pull();
    }
    if (type === 'change') {
      if (typeof topic !== 'string' || !topics.includes(topic)) return report('unknown-collection', `a change on an unsubscribed topic ${JSON.stringify(topic)}`);
      return pull();
    }
    report('not-an-object', `an unknown message type ${JSON.stringify(type)}`);
  };

  const scheduleReconnect = (closed?: SocketCloseEvent) => {
    if (state === 'stopped') return;
    setState('waiting');
    // Failed while offline (the network went mid-attempt): not the server's failure, nothing
    // counted, no timer; connectivity's listener reconnects.
    if (!online()) return;
    failures++;
    const serverMs = serverRetryDelayMs(closed);
    const backoffMs = backoffDelay(failures, baseMs, maxMs, scheduler.random);
    held = serverMs !== undefined;
    // The server's wait wins when longer, capped so a hostile reason cannot park the app.
    const delay = serverMs === undefined ? backoffMs : Math.max(backoffMs, Math.min(serverMs, maxMs));
    reconnectTimer = scheduler.setTimeout(() => {
      reconnectTimer = undefined;
      held = false;
      void connect();
    }, delay);
  };

  const connect = async () => {
    if (state === 'stopped' || socket) return;
    // Offline: no attempt (it could only fail); connectivity's listener calls again.
    if (!online()) return setState('waiting');
    const mine = ++attempt;
    setState('connecting');
    let token: string | undefined;
    try {
      token = await options.token();
    } catch (error) {
      if (mine !== attempt) return;
      options.onError?.(error);
      return scheduleReconnect();
    }
    if (mine !== attempt || (state as SocketState) === 'stopped') return;
    const ws = new Ctor(options.url);
    socket = ws;
    connects++;
    ws.onopen = () => {
      if (socket !== ws) return;
      heard();
      ws.send(JSON.stringify({ type: 'auth', token: token ?? null }));
      ping();
    };
    ws.onmessage = (event) => {
      if (socket === ws) onMessage(event.data);
    };
    ws.onerror = () => undefined; // a close always follows; reconnecting happens there
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = undefined;
      clearTimers();
      scheduleReconnect(event);
    };
  };

  // Back online or back in front: a waiting socket reconnects now instead of after its backoff
  // (sized for a server in trouble, not for a phone in a tunnel); the server's own wait stays.
  const wake = (back: boolean) => {
    if (back && state === 'waiting' && !socket && !held && online()) {
      if (reconnectTimer !== undefined) scheduler.clearTimeout(reconnectTimer);
      reconnectTimer = undefined;
      void connect();
    }
  };
  // Offline: a phone rarely gets a FIN for a socket under a lost network, it just goes quiet
  // until the heartbeat gives up (up to a minute) or, on some platforms, never. The adapter's
  // word is the earliest sign, so the socket is let go now, as the client's own doing: no
  // error, no failure counted, no backoff; an attempt under way is abandoned. Its close frame is
  // sent but not waited for (it may never be answered), so the return online need not wait either.
  const cut = () => {
    if (state === 'stopped') return;
    if (!held && reconnectTimer !== undefined) {
      scheduler.clearTimeout(reconnectTimer);
      reconnectTimer = undefined;
    }
    if (state !== 'connecting' && state !== 'open') return;
    const ws = socket;
    socket = undefined;
    attempt++;
    clearTimers();
    setState('waiting');
    ws?.close(CLIENT_CLOSE.offline.code, CLIENT_CLOSE.offline.reason);
  };
  const onConnectivity = (isOnline: boolean) => (isOnline ? wake(true) : cut());
  const unsubscribes = [connectivity?.subscribe(onConnectivity), foreground?.subscribe(wake)];
  void connect();

  return {
    get state() {
      return state;
    },
    get connects() {
      return connects;
    },
    stop() {
      setState('stopped');
      for (const unsubscribe of unsubscribes) unsubscribe?.();
      clearTimers();
      attempt++;
      const ws = socket;
      socket = undefined;
      ws?.close(CLIENT_CLOSE.stopped.code, CLIENT_CLOSE.stopped.reason);
    },
  };
}
