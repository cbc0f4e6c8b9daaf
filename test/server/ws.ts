/**
 * The WebSocket push endpoint (`/ws`, the `ws` package, test-only): the protocol of
 * src/repository/sync/socket-sync.ts. A client authenticates with its access token in the first
 * message, subscribes to `orders`, and is told of each change to its user's orders (a poke with
 * the order id and change sequence; the data itself comes through GET /sync). Pings are answered
 * with pongs unless the test mutes the hub; `dropAll()` cuts every connection without a close
 * frame, as a lost network does.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { TokenService } from './auth.js';
import type { Store } from './store.js';

/** Control over the push endpoint. */
export interface WsHub {
  /** Open, authenticated connections. */
  readonly size: number;
  /** Connections accepted since start (authenticated or not). */
  readonly accepted: number;
  /** Destroys every connection's socket (no close frame): the client sees a dead link. */
  dropAll(): void;
  /**
   * Stops reading every open connection and sending to it: a link dead both ways, which does not
   * even answer a close frame (the client's close handshake then never completes).
   */
  freezeAll(): void;
  /** While true the hub answers nothing (no ready, no pong, no pokes): a half-dead link. */
  muted: boolean;
  /** Close frames received from clients (code and reason), oldest first; connections cut without one are not here. */
  readonly closes: ReadonlyArray<{ readonly code: number; readonly reason: string }>;
  /** While set, each `auth` is answered by closing with this code and reason (e.g. 1013 '30': try again in 30 s). */
  refuse: { readonly code: number; readonly reason: string } | undefined;
  /** Extra frames sent to every authenticated client, for hostile-message tests. */
  broadcastRaw(text: string): void;
  /** Closes every connection and the server side. */
  close(): void;
}

interface Client {
  socket: WebSocket;
  /** The TCP socket under it, paused by freezeAll(). */
  raw: Duplex;
  frozen: boolean;
  userId: string | undefined;
  topics: Set<string>;
}

/** Attaches `/ws` to `server`'s upgrade event. */
export function attachWsHub(server: Server, deps: { store: Store; tokens: TokenService }): WsHub {
  const wss = new WebSocketServer({ noServer: true });
  const clients = new Set<Client>();
  let accepted = 0;
  const closes: Array<{ code: number; reason: string }> = [];

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/ws') return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      accepted++;
      const client: Client = { socket: ws, raw: socket, frozen: false, userId: undefined, topics: new Set() };
      clients.add(client);
      ws.on('close', (code, reason) => {
        clients.delete(client);
        // 1005/1006: no close frame came (terminated, or the peer vanished).
        if (code !== 1005 && code !== 1006) closes.push({ code, reason: String(reason) });
      });
      ws.on('error', () => clients.delete(client));
      ws.on('message', (raw) => {
        if (hub.muted) return;
        let message: { type?: unknown; token?: unknown; topics?: unknown };
        try {
          message = JSON.parse(String(raw)) as typeof message;
        } catch {
          return ws.close(4400, 'bad message');
        }
        if (message.type === 'auth') {
          if (hub.refuse) return ws.close(hub.refuse.code, hub.refuse.reason);
          const check = typeof message.token === 'string' ? deps.tokens.check(message.token) : undefined;
          if (!check?.ok) return ws.close(4401, 'unauthorized');
          client.userId = check.userId;
          return ws.send(JSON.stringify({ type: 'ready' }));
        }
        if (client.userId === undefined) return ws.close(4401, 'auth first');
        if (message.type === 'subscribe' && Array.isArray(message.topics)) {
          for (const topic of message.topics) if (typeof topic === 'string') client.topics.add(topic);
          return;
        }
        if (message.type === 'ping') return ws.send(JSON.stringify({ type: 'pong' }));
      });
    });
  };
  server.on('upgrade', onUpgrade);

  const unsubscribe = deps.store.onChange((change) => {
    if (hub.muted) return;
    for (const client of clients) {
      if (client.userId === change.ownerId && client.topics.has('orders') && !client.frozen) {
        client.socket.send(JSON.stringify({ type: 'change', topic: 'orders', id: change.orderId, seq: change.seq }));
      }
    }
  });

  const hub: WsHub = {
    get size() {
      return [...clients].filter((c) => c.userId !== undefined).length;
    },
    get accepted() {
      return accepted;
    },
    muted: false,
    refuse: undefined,
    get closes() {
      return closes;
    },
    freezeAll() {
      for (const client of clients) {
        client.frozen = true;
        client.raw.pause();
      }
    },
    dropAll() {
      for (const client of clients) client.socket.terminate();
      clients.clear();
    },
    broadcastRaw(text) {
      for (const client of clients) if (client.userId !== undefined) client.socket.send(text);
    },
    close() {
      unsubscribe();
      server.off('upgrade', onUpgrade);
      hub.dropAll();
      wss.close();
    },
  };
  return hub;
}
