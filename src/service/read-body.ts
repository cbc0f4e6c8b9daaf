/**
 * Reads a response body with a size limit (`maxResponseBytes`). This is the one place the SDK
 * reads bodies (openapi-fetch is asked for the raw stream), so the bytes are counted as they
 * arrive and the read stops as soon as the limit is passed: a 50 MB answer costs at most the
 * limit in memory, not 50 MB. A `Content-Length` over the limit fails before a byte is read.
 *
 * No stream is wrapped: the reader is pulled directly, one chunk at a time, and a single-chunk
 * body is used as is (no copy). The attempt's timeout covers the body: the reader is handed to
 * the deadline the timeout layer left running (network/body-deadline.ts), which cancels it when
 * the attempt fails, ending a pending read at once, so a stalled read fails with
 * the attempt's TIMEOUT (or CANCELLED, if the caller aborts), and the deadline is released when
 * the read ends, however it ends.
 */
import type { BodyDeadline } from '../network/body-deadline.js';
import { utf8Decode } from '../platform/utf8-decode.js';

const noop = () => {};

/** The body is larger than the limit; the call runner turns it into a NetworkError. */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';
  constructor(
    readonly limit: number,
    /** Bytes announced (Content-Length) or received when the read stopped. */
    readonly size: number,
    readonly announced: boolean,
  ) {
    super(
      announced
        ? `Response body of ${size} bytes (Content-Length) is over maxResponseBytes (${limit} bytes); nothing was read`
        : `Response body passed maxResponseBytes (${limit} bytes) while downloading; the rest was not read`,
    );
  }
}

/** Throws ResponseTooLargeError when `Content-Length` already says the body is too large. */
export function checkContentLength(response: Response, limit: number): void {
  const header = response.headers.get('content-length');
  if (header === null) return;
  const size = Number(header);
  if (Number.isFinite(size) && size > limit) throw new ResponseTooLargeError(limit, size, true);
}

/**
 * The whole body as bytes, at most `limit` of them, within `deadline` when one is given.
 * Platforms without streamed bodies (React Native's fetch buffers the response before
 * resolving) are checked after the fact: the memory is already spent there, but the app still
 * gets the same error.
 */
export async function readBytes(response: Response, limit: number, deadline?: BodyDeadline): Promise<Uint8Array> {
  // One async function, the release in `finally`, rather than a wrapper awaiting the read:
  // one promise fewer per body.
  try {
    const body = response.body;
    try {
      checkContentLength(response, limit);
    } catch (error) {
      // Nothing will be read: release the connection rather than leave the download running.
      if (body && !body.locked) body.cancel().catch(noop);
      throw error;
    }
    if (!body) {
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.byteLength > limit) throw new ResponseTooLargeError(limit, bytes.byteLength, false);
      return bytes;
    }
    const reader = body.getReader();
    // Timed out or cancelled: the deadline cancels the reader (stopping the download even if
    // the transport ignores the abort), which ends a pending read at once.
    deadline?.watch(reader);
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (error) {
        // An abort we caused surfaces from the transport as its own error: report ours.
        throw deadline?.failure ?? error;
      }
      if (deadline?.failure) throw deadline.failure;
      const { done, value } = chunk;
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        // Stop the download now: the rest is never read, so it never takes memory.
        reader.cancel().catch(noop);
        throw new ResponseTooLargeError(limit, size, false);
      }
      chunks.push(value);
    }
    if (chunks.length === 1) return chunks[0]!;
    const out = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return out;
  } finally {
    deadline?.release();
  }
}

// InstanceType, not the name: with @types/node and no lib DOM, TextDecoder is only a value.
let decoder: InstanceType<typeof TextDecoder> | undefined;

/** UTF-8 text of a body read with `readBytes` (a BOM is dropped, invalid bytes become U+FFFD). */
export async function readText(response: Response, limit: number, deadline?: BodyDeadline): Promise<string> {
  const bytes = await readBytes(response, limit, deadline);
  if (bytes.byteLength === 0) return '';
  // Made on first use, not at import (hosts may install a polyfill after loading the SDK).
  // Hermes has no TextDecoder, and `new Response(bytes).text()` decodes one byte per character
  // on React Native (whatwg-fetch), so the fallback is our own decoder.
  if (typeof TextDecoder === 'undefined') return utf8Decode(bytes);
  decoder ??= new TextDecoder();
  return decoder.decode(bytes);
}
