/**
 * The reference Shop API server (openapi/v1) for tests and the demo: a real node:http server on
 * loopback over an in-memory store, with fault injection, a side-effect ledger, a request log
 * and a clean close().
 *
 *   const server = await startServer();
 *   // … point the SDK at server.url …
 *   server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'reset-after' } });
 *   await server.close();
 */
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { createApp } from './app.js';
import { createTokenService } from './auth.js';
import type { Deps } from './context.js';
import { createFaultController, type FaultController } from './faults.js';
import { createIdempotencyStore } from './idempotency.js';
import { createLedger, type Ledger } from './ledger.js';
import { createRouter } from './router.js';
import { authRoutes } from './routes/auth.js';
import { eventRoutes } from './routes/events.js';
import { orderRoutes } from './routes/orders.js';
import { syncRoutes } from './routes/sync.js';
import { userRoutes } from './routes/users.js';
import { loadSpec, loadSpecV2 } from './spec.js';
import { v2Routes } from './routes/v2.js';
import { versionedApp } from './versions.js';
import { createSseHub, type SseHub } from './sse.js';
import { SEED_PASSWORD, SEED_USERS, createStore, type Store } from './store.js';
import { createTimers, type Timers } from './timers.js';
import { attachWsHub, type WsHub } from './ws.js';
import type { RequestLogEntry, Tokens, User } from './types.js';

export type { Fault, FaultRule, FaultRuleState, FaultController, FaultType } from './faults.js';
export type { Ledger, LedgerEntry, LedgerKind } from './ledger.js';
export type { Store, OrderInput, OrderPatch } from './store.js';
export type * from './types.js';
export { SEED_PASSWORD, SEED_USERS } from './store.js';
export { CATALOG } from './catalog.js';

export interface ServerOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Access token lifetime; default 15 minutes. */
  accessTokenTtlMs?: number;
  /** Refresh token lifetime; default 30 days. */
  refreshTokenTtlMs?: number;
  /** Orders seeded for alice (bob always gets 2); default 5. */
  seedOrders?: number;
  /** Customers added to the seed users (store.ts); default 0. */
  extraUsers?: number;
  /** Clock for token expiry, timestamps, the ledger and the request log; default Date.now. */
  now?: () => number;
  /** Interval of SSE heartbeat comments; default 15 s. */
  sseHeartbeatMs?: number;
  /** The server's timers (SSE heartbeats, latency faults); default real ones. The bench passes simulated time. */
  timers?: Timers;
}

export interface TokenControl {
  /** Signs `user` (id or email) in without a request: a new token family, no ledger entry. */
  issue(user: string): Tokens;
  /** Every access token issued so far is expired from now on (refresh tokens stay valid). */
  expireAll(): void;
  /** One access token is expired from now on. */
  expire(accessToken: string): void;
  /** Forgets every token (all sessions end). */
  revokeAll(): void;
  /** Successful refreshes since start or the last reset(). */
  readonly refreshCount: number;
}

export interface TestServer {
  /** e.g. `http://127.0.0.1:54321` (no trailing slash). */
  url: string;
  port: number;
  host: string;
  /** Ends hung requests and streams, destroys sockets, clears every timer; idempotent. */
  close(): Promise<void>;
  faults: FaultController;
  ledger: Ledger;
  tokens: TokenControl;
  store: Store;
  /** Seed users with their shared password. */
  seed: { password: string; alice: User; bob: User; carol: User };
  /** Non-control requests in arrival order; the same array for the server's lifetime. */
  requests: RequestLogEntry[];
  /** Clears faults, ledger, request log, idempotency keys and the refresh counter; restores seed orders. Tokens stay valid. */
  reset(): void;
  /** The open SSE streams of /events: `size`, and `dropAll()` to cut them as a failing network would. */
  sse: Pick<SseHub, 'size' | 'dropAll'>;
  /** The WebSocket push endpoint at `/ws` (ws.ts). */
  ws: WsHub;
}

const DEFAULTS = {
  port: 0,
  host: '127.0.0.1',
  accessTokenTtlMs: 15 * 60 * 1000,
  refreshTokenTtlMs: 30 * 24 * 60 * 60 * 1000,
  seedOrders: 5,
  sseHeartbeatMs: 15_000,
} as const;

export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const o = { ...DEFAULTS, ...options };
  const now = options.now ?? Date.now;
  const spec = loadSpec();
  const timers = options.timers ?? createTimers();
  const store = createStore({ now, seedOrders: o.seedOrders, extraUsers: o.extraUsers });
  const tokens = createTokenService({ now, accessTokenTtlMs: o.accessTokenTtlMs, refreshTokenTtlMs: o.refreshTokenTtlMs });
  const ledger = createLedger(now);
  const faults = createFaultController();
  const idempotency = createIdempotencyStore(now);
  const sse = createSseHub({ store, timers, heartbeatMs: o.sseHeartbeatMs });
  const requests: RequestLogEntry[] = [];

  const reset = () => {
    faults.clear();
    ledger.clear();
    requests.length = 0;
    idempotency.clear();
    tokens.resetCounters();
    store.reset();
    ws.muted = false;
    ws.refuse = undefined;
  };
  const deps: Deps = { store, tokens, ledger, idempotency, faults, timers, spec, sse, requests, now, reset };
  const v1App = createApp(deps, createRouter(spec, [...authRoutes, ...userRoutes, ...orderRoutes, ...syncRoutes, ...eventRoutes]));
  // v2 shares the store, tokens and faults; only the spec (validation) and the routes differ.
  const specV2 = loadSpecV2();
  const app = versionedApp({ v1: v1App, v2: createApp({ ...deps, spec: specV2 }, createRouter(specV2, v2Routes)) });

  const server = createServer({ keepAliveTimeout: 5_000 }, app.handle);
  const ws = attachWsHub(server, { store, tokens });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // A client that resets mid-request makes the socket emit errors; they are expected here.
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('Server has no TCP address');
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      timers.clearAll();
      sse.closeAll();
      ws.close();
      app.releaseHung();
      server.close(() => resolve());
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
    }).then(() => timers.clearAll());
    return closing;
  };

  const user = (email: string) => SEED_USERS.find((u) => u.email === email)!;
  return {
    url: `http://${hostForUrl}:${address.port}`,
    port: address.port,
    host: address.address,
    close,
    faults,
    ledger,
    tokens: {
      issue(who) {
        const found = store.userById(who) ?? store.userByEmail(who);
        if (!found) throw new Error(`Unknown user ${who}`);
        return tokens.issue(found.id);
      },
      expireAll: () => tokens.expireAll(),
      expire: (accessToken) => tokens.expire(accessToken),
      revokeAll: () => tokens.revokeAll(),
      get refreshCount() {
        return tokens.refreshCount;
      },
    },
    store,
    seed: { password: SEED_PASSWORD, alice: user('alice@example.com'), bob: user('bob@example.com'), carol: user('carol@example.com') },
    requests,
    reset,
    sse,
    ws,
  };
}
