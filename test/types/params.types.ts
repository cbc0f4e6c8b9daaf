/**
 * Type tests for parameters (checked by `tsc --noEmit`, never run): `params.cookie` is typed
 * from the spec's cookie parameters like path, query and header are, required when one of them
 * is. The operation types below are what openapi-typescript emits for such parameters (the
 * same shape as generated/<version>/schema.d.ts); test/wire/params-server.test.ts type-checks
 * calls against an SDK generated from test/fixtures/wire/parameters.yaml as well.
 * Every `@ts-expect-error` line is a call that must not compile.
 */
import type { OperationArgs, OperationInit } from '../../src/runtime.js';

interface WithCookies {
  parameters: {
    query?: { filter?: { [key: string]: unknown } };
    header?: never;
    path: { id: string };
    cookie: { session: string; theme?: 'light' | 'dark'; ids?: string[] };
  };
  requestBody?: never;
  responses: { 200: { headers: { [name: string]: unknown }; content: { 'application/json': { ok: boolean } } } };
}

interface WithoutCookies {
  parameters: { query?: { q?: string }; header?: never; path?: never; cookie?: never };
  requestBody?: never;
  responses: { 204: { headers: { [name: string]: unknown }; content?: never } };
}

declare function call<Op>(...args: OperationArgs<Op, { signal?: AbortSignal }>): void;

export function cookieParameters(): void {
  call<WithCookies>({ params: { path: { id: '1' }, cookie: { session: 's' } } });
  call<WithCookies>({ params: { path: { id: '1' }, cookie: { session: 's', theme: 'dark', ids: ['a', 'b'] }, query: { filter: { a: 1 } } } });
  // @ts-expect-error the session cookie is required
  call<WithCookies>({ params: { path: { id: '1' }, cookie: {} } });
  // @ts-expect-error cookie parameters are required as a group when one of them is
  call<WithCookies>({ params: { path: { id: '1' } } });
  // @ts-expect-error theme is an enum
  call<WithCookies>({ params: { path: { id: '1' }, cookie: { session: 's', theme: 'blue' } } });
  // @ts-expect-error a cookie value is a string here, not a number
  call<WithCookies>({ params: { path: { id: '1' }, cookie: { session: 1 } } });
}

export function noCookieParameters(): void {
  call<WithoutCookies>();
  call<WithoutCookies>({ params: { query: { q: 'x' } } });
  // @ts-expect-error the operation declares no cookie parameters
  call<WithoutCookies>({ params: { cookie: { session: 's' } } });
  const init: OperationInit<WithoutCookies> = { params: { query: { q: 'x' } } };
  void init;
}
