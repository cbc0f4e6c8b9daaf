/**
 * The TanStack helpers of the tree-shakable form keep it tree-shakable: an app that builds query
 * options for one standalone operation bundles that operation only (structural facts about what
 * esbuild keeps, as in test/codegen/tree-shaking.test.ts).
 */
import { build } from 'esbuild';
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { root } from '../helpers/paths.js';

/** Bundles an app entry for the browser the way an app's bundler would (identifiers kept, so validator names can be looked for). */
async function bundle(contents: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'app.ts' },
    bundle: true, write: false, format: 'esm', platform: 'browser', minifySyntax: true, minifyWhitespace: true, logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

const OTHERS = ['createOrderParams', 'CreateOrderRequestSchema', 'BatchGetUsersRequestSchema', 'SyncResponseSchema', 'UpdateOrderRequestSchema', 'OrderPageSchema'];

test('queryHelpersFor(client, getUser) bundles getUser and no other operation', async () => {
  const out = await bundle(`
    import { createClient, getUser, queryHelpersFor } from './generated/v1/index.ts';
    const client = createClient({ baseUrl: 'https://api.example.com' });
    export const options = queryHelpersFor(client, getUser).queryOptions({ params: { path: { userId: 'u' } } });
  `);
  assert.ok(out.includes('getUserParams'), 'its own params validator is there');
  assert.ok(out.includes('"/users/{userId}"'), 'its own path is there');
  for (const name of OTHERS) assert.not.ok(out.includes(name), `${name} is not bundled`);
  assert.not.ok(out.includes('"/users/batch-get"'), 'another operation’s path is not bundled');
});

test('mutationHelpersFor and registerMutationsFor bundle only the listed mutations', async () => {
  const out = await bundle(`
    import { createClient, createOrder, mutationHelpersFor, registerMutationsFor } from './generated/v1/index.ts';
    const client = createClient({ baseUrl: 'https://api.example.com' });
    export const options = mutationHelpersFor(client, createOrder).mutationOptions();
    export const register = (queryClient) => registerMutationsFor(queryClient, client, [createOrder]);
  `);
  assert.ok(out.includes('CreateOrderRequestSchema'), 'its own body validator is there');
  for (const name of OTHERS.filter((n) => !n.startsWith('CreateOrder') && n !== 'createOrderParams')) assert.not.ok(out.includes(name), `${name} is not bundled`);
});

test.run();
