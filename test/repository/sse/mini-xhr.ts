/**
 * A minimal XMLHttpRequest over node:http for the SSE XHR fallback tests: the surface React
 * Native's XHR offers (open, setRequestHeader, send, abort, readyState, status, responseText,
 * getAllResponseHeaders, readystatechange/progress/error/abort callbacks), talking to the real
 * server over loopback. Instances are recorded so a test can see what was sent.
 */
import { request, type ClientRequest } from 'node:http';

export class MiniXhr {
  /** Every XHR made, in order. */
  static readonly made: MiniXhr[] = [];
  readyState = 0;
  status = 0;
  responseText = '';
  onreadystatechange: (() => void) | null = null;
  onprogress: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  readonly sent: Record<string, string> = {};
  private method = 'GET';
  private url = '';
  private headers = '';
  private req: ClientRequest | undefined;
  private aborted = false;

  constructor() {
    MiniXhr.made.push(this);
  }

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
    this.readyState = 1;
  }

  setRequestHeader(name: string, value: string): void {
    this.sent[name.toLowerCase()] = value;
  }

  getAllResponseHeaders(): string {
    return this.headers;
  }

  send(body?: string | null): void {
    const req = request(this.url, { method: this.method, headers: this.sent }, (res) => {
      this.status = res.statusCode ?? 0;
      this.headers = Object.entries(res.headers).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`).join('\r\n');
      this.change(2);
      res.setEncoding('utf8');
      res.on('data', (text: string) => {
        this.responseText += text;
        this.change(3);
        this.onprogress?.();
      });
      res.on('end', () => this.change(4));
      res.on('error', () => this.fail());
      // A socket destroyed mid-body (the server dropping the stream) may only say 'close'.
      res.on('close', () => {
        if (!res.complete) this.fail();
      });
    });
    req.on('error', () => this.fail());
    this.req = req;
    req.end(body ?? undefined);
  }

  abort(): void {
    if (this.aborted || this.readyState === 4) return;
    this.aborted = true;
    this.req?.destroy();
    this.readyState = 4;
    this.status = 0;
    this.onabort?.();
  }

  private change(state: number): void {
    if (this.aborted) return;
    this.readyState = state;
    this.onreadystatechange?.();
  }

  private fail(): void {
    if (this.aborted || this.readyState === 4) return;
    this.readyState = 4;
    this.status = 0;
    this.onreadystatechange?.();
    this.onerror?.();
  }
}
