/**
 * Section 3: what an app pays in bytes. Each entry is a tiny app (create a client, export a
 * function that calls the operations) bundled for the browser; Tether is measured in the
 * tree-shakable form when the generated SDK has it, else through createSdk, and the table
 * says which.
 */
import { join } from 'node:path';
import { bundleSize, type BundleSize } from '../lib/bundle-size.js';
import { generateGithubSdk, githubSdkDir } from '../lib/generate.js';
import { root } from '../lib/paths.js';
import { fmt, type GoalCheck, type SectionResult, type Table } from '../lib/table.js';
import { inspectSdk, type Operation, type SdkForms } from '../lib/tether-forms.js';
import { layerOf } from './layers.js';

const BASE = 'https://api.example.com';

/** An app calling `ops` of the SDK at `index`, in the form the SDK offers. */
function tetherApp(index: string, forms: SdkForms, ops: readonly Operation[]): string {
  const spec = JSON.stringify(index);
  // Calls are never executed; the arguments only need to be plausible.
  const init = `{ params: { path: {}, query: {} } }`;
  if (forms.treeShakable) {
    const names = ops.map((o) => o.standalone as string);
    return [
      `import { createClient, ${[...new Set(names)].join(', ')} } from ${spec};`,
      `const client = createClient({ baseUrl: '${BASE}' });`,
      `export const run = () => Promise.all([${names.map((n) => `${n}(client, ${init})`).join(', ')}]);`,
    ].join('\n');
  }
  return [
    `import { createSdk } from ${spec};`,
    `const sdk = createSdk({ baseUrl: '${BASE}' });`,
    `export const run = () => Promise.all([${ops.map((o) => `sdk[${JSON.stringify(o.tag)}][${JSON.stringify(o.method)}](${init})`).join(', ')}]);`,
  ].join('\n');
}

const PEERS: Readonly<Record<string, string>> = {
  'openapi-fetch (one op)': `import createClient from 'openapi-fetch';\nconst c = createClient({ baseUrl: '${BASE}' });\nexport const run = () => c.GET('/users/{userId}', { params: { path: { userId: 'x' } } });`,
  'openapi-fetch (two ops)': `import createClient from 'openapi-fetch';\nconst c = createClient({ baseUrl: '${BASE}' });\nexport const run = () => Promise.all([c.GET('/users/{userId}', { params: { path: { userId: 'x' } } }), c.GET('/orders', {})]);`,
  'ky (one op)': `import ky from 'ky';\nconst api = ky.create({ prefixUrl: '${BASE}' });\nexport const run = () => api.get('users/x').json();`,
  'ofetch (one op)': `import { ofetch } from 'ofetch';\nexport const run = () => ofetch('/users/x', { baseURL: '${BASE}' });`,
  'axios (one op)': `import axios from 'axios';\nconst api = axios.create({ baseURL: '${BASE}' });\nexport const run = () => api.get('/users/x').then((r) => r.data);`,
};

function pick(ops: readonly Operation[], tag: string, method: string): Operation {
  const op = ops.find((o) => o.tag === tag && o.method === method) ?? ops[0];
  if (!op) throw new Error('the SDK has no operations');
  return op;
}

function layerTable(size: BundleSize, title: string): Table {
  const total = [...size.inputs.values()].reduce((a, b) => a + b, 0);
  const byLayer = new Map<string, number>();
  for (const [file, bytes] of size.inputs) byLayer.set(layerOf(file), (byLayer.get(layerOf(file)) ?? 0) + bytes);
  const rows = [...byLayer].sort((a, b) => b[1] - a[1]).map(([layer, bytes]) => [layer, fmt.bytes(bytes), `${((100 * bytes) / total).toFixed(1)} %`, `≈ ${fmt.bytes((size.gzip * bytes) / total)}`]);
  return { title, head: ['layer', 'minified', 'share', 'gzip (pro rata)'], rows };
}

export async function bundles(): Promise<SectionResult> {
  const v1Index = join(root, 'generated', 'v1', 'index.ts');
  const v1 = await inspectSdk(v1Index);
  const one = pick(v1.operations, 'users', 'getUser');
  const two = [one, pick(v1.operations, 'orders', 'listOrders')];
  const sizes = new Map<string, BundleSize>();
  const measure = async (name: string, source: string) => {
    sizes.set(name, await bundleSize(name.replace(/\W+/g, '-'), source));
  };
  await measure('Tether v1 (one op)', tetherApp(v1Index, v1, [one]));
  await measure('Tether v1 (two ops)', tetherApp(v1Index, v1, two));
  await measure(`Tether v1 (all ${v1.operations.length} ops)`, tetherApp(v1Index, v1, v1.operations));
  for (const [name, source] of Object.entries(PEERS)) await measure(name, source);

  let github: SdkForms | undefined;
  const notes: string[] = [];
  try {
    await generateGithubSdk();
    const ghIndex = join(githubSdkDir, 'index.ts');
    github = await inspectSdk(ghIndex);
    await measure(`Tether GitHub (one op of ${github.operations.length})`, tetherApp(ghIndex, github, [pick(github.operations, 'repos', 'get')]));
  } catch (error) {
    notes.push(`GitHub one-op bundle not measured: ${(error as Error).message.split('\n')[0]}`);
  }

  const gz = (prefix: string) => [...sizes].find(([k]) => k.startsWith(prefix))?.[1]?.gzip ?? Number.NaN;
  const ofBase = gz('openapi-fetch (one op)');
  const rows = [...sizes].map(([name, s]) => [name, fmt.bytes(s.minified), fmt.bytes(s.gzip), fmt.ratio(s.gzip / ofBase)]);
  const oneGz = gz('Tether v1 (one op)');
  const extraTwo = gz('Tether v1 (two ops)') - oneGz;
  const extraAll = (gz('Tether v1 (all') - oneGz) / Math.max(1, v1.operations.length - 1);
  const ofExtra = gz('openapi-fetch (two ops)') - ofBase;
  const ghGz = gz('Tether GitHub');
  const perDeclared = github ? (ghGz - oneGz) / (github.operations.length - v1.operations.length) : Number.NaN;
  const form = (f: SdkForms | undefined) => (f?.treeShakable ? 'createClient + standalone operations' : 'createSdk (no tree-shakable form found)');

  const goals: GoalCheck[] = [
    { goal: 'an app calling one v1 operation ≤ 8 kB gz', measured: `${fmt.kb(oneGz)} (${fmt.ratio(oneGz / ofBase)} openapi-fetch)`, met: oneGz <= 8000 },
    { goal: 'an app calling one GitHub operation ≤ 10.5 kB gz', measured: Number.isFinite(ghGz) ? fmt.kb(ghGz) : 'n/a', met: Number.isFinite(ghGz) ? ghGz <= 10500 : undefined },
    v1.treeShakable
      ? { goal: 'each extra operation ≤ 150 B gz', measured: `${fmt.bytes(extraAll)} (mean over all ops; 2nd op ${fmt.bytes(extraTwo)}; openapi-fetch ${fmt.bytes(ofExtra)})`, met: extraAll <= 150 && extraTwo <= 150 }
      : // createSdk binds every operation, so using one more costs nothing because all are paid for
        // already; the honest per-operation figure is what each operation of the SDK adds.
        { goal: 'each extra operation ≤ 150 B gz', measured: `no tree-shakable form: every operation is bundled whether used or not, ≈ ${fmt.bytes(perDeclared)} gz per operation in the SDK (GitHub vs v1)`, met: false },
  ];
  const oneSize = sizes.get('Tether v1 (one op)');
  return {
    tables: [
      { title: 'Bundle size: esbuild, browser, ESM, minified, gzip -9', head: ['app', 'minified', 'gzip', 'vs openapi-fetch (one op)'], rows },
      {
        title: 'Cost of each extra operation (gzip)',
        head: ['client', 'second op', 'mean per extra op'],
        rows: [
          ['Tether v1', fmt.bytes(extraTwo), fmt.bytes(extraAll)],
          ['openapi-fetch', fmt.bytes(ofExtra), ''],
          ...(v1.treeShakable ? [] : [['Tether, per operation in the SDK, used or not ((GitHub − v1) ÷ extra ops)', '', fmt.bytes(perDeclared)]]),
        ],
      },
      ...(oneSize ? [layerTable(oneSize, 'What each layer adds to the one-op v1 app (esbuild metafile bytes per input file, grouped by path)')] : []),
    ],
    goals,
    notes: [
      `Tether v1 measured through: ${form(v1)}; GitHub SDK through: ${form(github)}. The one-op app calls users.getUser (GitHub: repos.get); the two-op app adds orders.listOrders (openapi-fetch: GET /users/{userId} + GET /orders).`,
      'Per-layer figures come from esbuild’s metafile (minified bytes each input file leaves in the output), grouped by file path; gzip shares are pro rata, since gzip cannot be split by file. A layer that the options do not enable but that is still bundled shows up here.',
      ...notes,
    ],
  };
}
