/** A real `send` over the platform fetch, as the wiring layer will provide one: any status is an answer, a transport failure a NetworkError. */
import { createNetworkError } from '../../../src/errors/create-network-error.js';
import type { Send } from '../../../src/repository/cache/types.js';

/** `send` over globalThis.fetch, reading each body as text. */
export function fetchSend(): Send {
  return async (request, signal) => {
    let response: Response;
    try {
      response = await fetch(request.url, { method: request.method, headers: request.headers, signal });
    } catch (cause) {
      throw createNetworkError({ method: request.method, url: request.url, cause, reason: signal.aborted ? 'cancelled' : undefined });
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return { status: response.status, headers, body: await response.text() };
  };
}
