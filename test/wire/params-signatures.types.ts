/**
 * Type tests (checked by the repo's one `tsc --noEmit` program, never run) for the SDK generated
 * from test/fixtures/wire/parameters.yaml, the one test/wire/params-server.test.ts calls on the
 * wire: the generated signatures type params.path/query/header/cookie from the spec, accepting
 * right calls and refusing wrong ones. They check the committed copy (test/types/generated-params),
 * which test/codegen/wire-types.test.ts proves byte-identical to a fresh generation.
 * Every `@ts-expect-error` line is a call that must not compile.
 */
import { createSdk } from '../types/generated-params/index.js';

const sdk = createSdk({ baseUrl: 'https://api.example.com' });

export async function rightCalls(): Promise<void> {
  await sdk.params.cookies({ params: { cookie: { session: 's', arr: ['a'], obj: { R: 1 } } } });
  await sdk.params.pathMatrix({ params: { path: { prim: 'p', arr: ['a'], obj: { R: 1, G: 2 } } } });
  await sdk.params.contentParams({ params: { path: { where: { R: 1 } }, query: { filter: { any: 'thing' } } } });
  await sdk.params.queryForm({ params: { query: { prim: 'p', arr: ['a', 'b'], obj: { B: 3 } } } });
  await sdk.params.headers({ params: { header: { 'X-Prim': 'p', 'X-Arr': ['a'] } } });
}

export async function wrongCalls(): Promise<void> {
  // @ts-expect-error the session cookie is required
  await sdk.params.cookies({ params: { cookie: { arr: ['a'] } } });
  // @ts-expect-error an array cookie takes strings
  await sdk.params.cookies({ params: { cookie: { session: 's', arr: [1] } } });
  // @ts-expect-error the operation has no cookie parameters
  await sdk.params.queryForm({ params: { cookie: { session: 's' } } });
  // @ts-expect-error obj.R is an integer
  await sdk.params.pathMatrix({ params: { path: { prim: 'p', arr: ['a'], obj: { R: 'x' } } } });
  // @ts-expect-error path parameters are required
  await sdk.params.pathMatrix({});
  // @ts-expect-error a query array takes strings
  await sdk.params.queryForm({ params: { query: { arr: [1] } } });
  // @ts-expect-error an undeclared header parameter
  await sdk.params.headers({ params: { header: { 'X-Other': 'p' } } });
}
