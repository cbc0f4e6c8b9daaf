/**
 * Builds a call's one Attempt (method, URL, headers, serialised body) from its input with
 * openapi-fetch's own serializers, so URLs and headers are exactly what `client.request` made,
 * without the Request it would build and the network layer would only copy.
 */
import { createQuerySerializer, mergeHeaders, removeTrailingSlash } from 'openapi-fetch';
import type { HeadersInit, OperationMeta } from '../contract/operation.js';
import type { Attempt } from '../network/types.js';
import { contentTypeFor, serializeBody } from './body.js';
import { fillPath } from './path-template.js';

/** The call's first argument as openapi-fetch understands it. */
export interface CallInit {
  readonly params?: {
    readonly path?: Readonly<Record<string, unknown>>;
    readonly query?: Readonly<Record<string, unknown>>;
    readonly header?: Readonly<Record<string, unknown>>;
  };
  readonly body?: unknown;
  readonly headers?: HeadersInit;
}

/** Turns one call's input into its Attempt; throws (TypeError etc.) on input that cannot be sent. */
export type AttemptBuilder = (meta: OperationMeta, init: CallInit, signal: AbortSignal | undefined) => Attempt;

type HeaderSource = Parameters<typeof mergeHeaders>[number];
type AttemptBody = Attempt['body'];

/** An AttemptBuilder for one runtime's base URL and static headers. */
export function attemptBuilder(baseUrl: string, staticHeaders: Readonly<Record<string, string>>): AttemptBuilder {
  const base = removeTrailingSlash(baseUrl);
  const querySerializer = createQuerySerializer();
  return (meta, init, signal) => {
    const params = init.params ?? {};
    // openapi-fetch's createFinalURL, with the path template split once (path-template.ts).
    let url = fillPath(base, meta.path, params.path);
    let search = querySerializer(params.query ?? {});
    if (search.startsWith('?')) search = search.substring(1);
    if (search) url += `?${search}`;
    const body = init.body === undefined ? undefined : serializeBody(init.body, meta.requestContentType);
    const contentType = contentTypeFor(init.body, meta.requestContentType);
    // openapi-fetch's order: its JSON default (not for FormData, whose boundary fetch sets),
    // then the SDK's headers, then ours, then the call's, then header parameters.
    const headers = mergeHeaders(
      body === undefined || (typeof FormData !== 'undefined' && body instanceof FormData) ? undefined : { 'Content-Type': 'application/json' },
      staticHeaders,
      contentType ? { 'Content-Type': contentType } : undefined,
      init.headers as HeaderSource,
      params.header as HeaderSource,
    );
    return { method: meta.method.toUpperCase(), url, headers, body: (body ?? null) as AttemptBody, signal };
  };
}
