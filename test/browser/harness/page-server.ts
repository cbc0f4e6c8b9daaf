/**
 * The web app's own origin: a static server on loopback (its own port, so the API at
 * test/server is another origin and every call the SDK makes is a real cross-origin request
 * with CORS preflights). It serves the page, which names the API in a meta tag, the app
 * bundle and the app shell's service worker.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppBundle } from './app-bundle.js';

/** The running page origin. */
export interface PageServer {
  /** e.g. `http://127.0.0.1:43117` (no trailing slash). */
  readonly url: string;
  close(): Promise<void>;
}

function page(apiUrl: string): string {
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8">',
    `<meta name="tether-api" content="${apiUrl.replace(/[&"<>]/g, '')}">`,
    '<title>Tether browser suite</title>',
    '<script type="module" src="/app.js"></script>',
    '</head><body>Tether browser suite</body></html>',
  ].join('\n');
}

/** Starts the page origin for an app talking to `apiUrl`. */
export async function startPageServer(bundle: AppBundle, apiUrl: string): Promise<PageServer> {
  const files = new Map<string, { type: string; body: string }>([
    ['/', { type: 'text/html; charset=utf-8', body: page(apiUrl) }],
    ['/app.js', { type: 'text/javascript; charset=utf-8', body: bundle.app }],
    ['/sw.js', { type: 'text/javascript; charset=utf-8', body: bundle.serviceWorker }],
  ]);
  const server: Server = createServer((req, res) => {
    const file = files.get(new URL(req.url ?? '/', 'http://page').pathname);
    if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return void res.end('not found');
    }
    // no-cache: a reload online always gets this run's bundle; offline, the service worker answers.
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
