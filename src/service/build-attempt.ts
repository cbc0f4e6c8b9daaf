/**
 * Builds a call's one Attempt (method, URL, headers, serialised body) from its input: path,
 * query, header and cookie parameters each as the spec declares their style (params/), headers
 * merged in openapi-fetch's order, without the Request it would build and the network layer
 * would only copy.
 */
import { mergeHeaders, removeTrailingSlash } from 'openapi-fetch';
import type { HeadersInit, OperationMeta } from '../contract/operation.js';
import type { Attempt } from '../network/types.js';
import { jsonBodies } from './body/json-body.js';
import { isRawBody } from './body/raw-body.js';
import { checkDefaultParams, defaultParams } from './params/default-params.js';

/** The call's first argument as openapi-fetch understands it. */
export interface CallInit {
  readonly params?: {
    readonly path?: Readonly<Record<string, unknown>>;
    readonly query?: Readonly<Record<string, unknown>>;
    readonly header?: Readonly<Record<string, unknown>>;
    readonly cookie?: Readonly<Record<string, unknown>>;
  };
  readonly body?: unknown;
  readonly headers?: HeadersInit;
  /** One of the operation's declared request media types, chosen by the app (else by the body). */
  readonly contentType?: string;
}

/** Turns one call's input into its Attempt; throws (TypeError etc.) on input that cannot be sent. */
export type AttemptBuilder = (meta: OperationMeta, init: CallInit, signal: AbortSignal | undefined) => Attempt;

type HeaderSource = Parameters<typeof mergeHeaders>[number];
type AttemptBody = Attempt['body'];

/** An AttemptBuilder for one runtime's base URL and static headers. */
export function attemptBuilder(baseUrl: string, staticHeaders: Readonly<Record<string, string>>): AttemptBuilder {
  const base = removeTrailingSlash(baseUrl);
  return (meta, init, signal) => {
    const params = init.params ?? {};
    // Non-default styles and cookies come with the operations that declare them (meta.paramCodec).
    const codec = meta.paramCodec ?? defaultParams;
    if (codec === defaultParams) checkDefaultParams(meta);
    // The path template is split once per operation (path-template.ts).
    let url = codec.path(base, meta, params.path);
    const search = params.query === undefined ? '' : codec.query(meta, params.query);
    if (search) url += `?${search}`;
    const cookie = codec.cookie(meta, params.cookie);
    // Form and binary serializers come with the operations that declare them (meta.bodyCodec).
    const written = init.body === undefined && init.contentType === undefined ? undefined : (meta.bodyCodec ?? jsonBodies).write(meta, init.body, init.contentType);
    const body = written?.body;
    const contentType = written?.contentType;
    // openapi-fetch's order: its JSON default (not for FormData, Blobs or bytes, which say their own),
    // then the SDK's headers, then ours, then the call's, then header parameters.
    const headers = mergeHeaders(
      // The declared success types (collect-bodies.ts); any Accept the app sets wins.
      meta.accept === undefined ? undefined : { Accept: meta.accept },
      body === undefined || isRawBody(body) ? undefined : { 'Content-Type': 'application/json' },
      staticHeaders,
      contentType ? { 'Content-Type': contentType } : undefined,
      init.headers as HeaderSource,
      codec.headers(meta, params.header),
    );
    // Cookie parameters join any Cookie the app set itself rather than replacing it.
    if (cookie !== undefined) {
      const own = headers.get('cookie');
      headers.set('cookie', own ? `${own}; ${cookie}` : cookie);
    }
    return { method: meta.method.toUpperCase(), url, headers, body: (body ?? null) as AttemptBody, signal };
  };
}
