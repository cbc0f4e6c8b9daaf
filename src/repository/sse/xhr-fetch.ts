/**
 * A fetch over XMLHttpRequest for event streams where fetch cannot stream: React Native's
 * fetch buffers the whole body before resolving, which for an endless stream is never. XHR
 * reports text as it arrives (progress events), so the stream stays live. It is handed to the
 * SDK's pipeline as the transport of the stream's calls only (STREAM_FETCH in service/call.ts),
 * so auth headers, refresh on 401, the https guard and logging apply as to every call.
 *
 * A 2xx answer resolves as soon as its headers arrive, as a Response without a body; the text
 * comes through `xhrTextOf(response)`. Any other answer resolves once complete, with its body,
 * so the call runner reads the error body as usual. A connection failure rejects with a
 * TypeError, which the transport classifies as CONNECTION like a failed fetch.
 */

/** The minimal XMLHttpRequest surface used (React Native's, browsers', or a test's). */
export interface XhrLike {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body?: string | null): void;
  abort(): void;
  getAllResponseHeaders(): string;
  readonly readyState: number;
  readonly status: number;
  readonly responseText: string;
  onreadystatechange: (() => void) | null;
  onprogress: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
}

/** A streaming body's text, delivered as it arrives. */
export interface XhrText {
  /** Calls `onText` with every new piece (buffered ones first); settles when the body ends or fails. */
  read(onText: (text: string) => void): Promise<void>;
}

const TEXT: unique symbol = Symbol('tether.xhrText');

// XHR keeps the whole responseText: past this many characters the connection is ended and
// the stream resumes on a fresh one from its last id, so a long-lived stream holds bounded memory.
const MAX_BUFFERED_CHARS = 4 * 1024 * 1024;

/**
 * The largest event XHR mode can take: half the renewal size, so an event cut by a renewal fits
 * whole on the fresh connection (which starts with it). A larger one would be cut at every renewal
 * and asked for again forever; the decoder refuses it instead.
 */
export const XHR_MAX_EVENT_CHARS = MAX_BUFFERED_CHARS / 2;

/** The text source of a Response made by xhrFetch, if it is one. */
export function xhrTextOf(response: Response): XhrText | undefined {
  return (response as { [TEXT]?: XhrText })[TEXT];
}

/** True where an XMLHttpRequest constructor exists (read at call time, so polyfills count). */
export function hasXhr(): boolean {
  return typeof (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest === 'function';
}

/**
 * A fetch (Request → Response) over `create()`'s XHRs (by default the global XMLHttpRequest).
 * `stop` is the stream connection's own signal: the SDK's timeout layer lets go of the
 * request's signal once a body-less response has arrived, so the XHR listens to both.
 */
export function xhrFetch(create?: () => XhrLike, stop?: AbortSignal): (request: Request) => Promise<Response> {
  return async (request) => {
    const make = create ?? (() => new (globalThis as unknown as { XMLHttpRequest: new () => XhrLike }).XMLHttpRequest());
    const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.text();
    const xhr = make();
    return new Promise<Response>((resolve, reject) => {
      let settled = false;
      let seen = 0;
      let pending = '';
      let listener: ((text: string) => void) | undefined;
      let finish: ((error?: unknown) => void) | undefined;
      let outcome: { error?: unknown } | undefined;
      const end = (error?: unknown) => {
        if (outcome) return;
        outcome = error === undefined ? {} : { error };
        request.signal?.removeEventListener('abort', onAbort);
        stop?.removeEventListener('abort', onAbort);
        finish?.(error);
      };
      const deliver = () => {
        const all = xhr.responseText;
        if (all.length <= seen) return;
        const piece = all.slice(seen);
        seen = all.length;
        if (listener) listener(piece);
        else pending += piece;
        if (seen > MAX_BUFFERED_CHARS) {
          end();
          xhr.abort();
        }
      };
      const headers = () => new Headers(parseHeaders(xhr.getAllResponseHeaders()));
      const onAbort = () => {
        xhr.abort();
        const error = (request.signal?.aborted ? request.signal.reason : stop?.reason) ?? new Error('aborted');
        if (!settled) {
          settled = true;
          reject(error);
        }
        end(error);
      };
      xhr.onreadystatechange = () => {
        const ok = xhr.status >= 200 && xhr.status < 300;
        if (!settled && xhr.readyState >= 2 && ok) {
          settled = true;
          const response = new Response(null, { status: xhr.status, headers: headers() });
          const text: XhrText = {
            read(onText) {
              listener = onText;
              if (pending !== '') onText(pending);
              pending = '';
              if (outcome) return outcome.error === undefined ? Promise.resolve() : Promise.reject(outcome.error);
              return new Promise<void>((done, fail) => {
                finish = (error) => (error === undefined ? done() : fail(error));
              });
            },
          };
          Object.defineProperty(response, TEXT, { value: text });
          resolve(response);
        }
        if (settled && xhr.readyState >= 3) deliver();
        if (xhr.readyState === 4) {
          if (!settled && xhr.status !== 0) {
            settled = true;
            resolve(new Response(xhr.responseText, { status: xhr.status, headers: headers() }));
          }
          // status 0 at DONE is a network failure; onerror reports it.
          if (settled) end();
        }
      };
      xhr.onprogress = () => {
        if (settled) deliver();
      };
      xhr.onerror = () => {
        const error = new TypeError('XMLHttpRequest failed: network error');
        if (!settled) {
          settled = true;
          reject(error);
        }
        end(error);
      };
      xhr.onabort = () => end(request.signal?.reason ?? new Error('aborted'));
      if (request.signal?.aborted || stop?.aborted) return onAbort();
      request.signal?.addEventListener('abort', onAbort, { once: true });
      stop?.addEventListener('abort', onAbort, { once: true });
      xhr.open(request.method, request.url);
      request.headers.forEach((value, name) => xhr.setRequestHeader(name, value));
      xhr.send(body);
    });
  };
}

/** `getAllResponseHeaders()` text as name/value pairs. */
function parseHeaders(raw: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const line of raw.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) out.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return out;
}
