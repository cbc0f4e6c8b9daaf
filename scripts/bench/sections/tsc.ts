/**
 * Section 5: tsc --noEmit of a one-line consumer of the generated GitHub SDK vs one of
 * openapi-typescript's GitHub types alone (and with openapi-fetch over them), same strict
 * consumer tsconfig (skipLibCheck on, as app templates set it). Best of 2 runs each.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { measureCommand, type Measured } from '../lib/child.js';
import { generateGithubSdk, githubSdkDir, runGenerator } from '../lib/generate.js';
import { githubSpec, root, scratch, tscBin } from '../lib/paths.js';
import { fmt, type SectionResult } from '../lib/table.js';
import { openapiTsOut, runOpenapiTypescript } from './codegen.js';

const RUNS = 2;

async function consumer(name: string, line: string): Promise<string> {
  const dir = join(scratch, 'tsc', name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'consumer.ts'), `${line}\n`);
  const compilerOptions = { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [], skipLibCheck: true, noEmit: true, allowImportingTsExtensions: true };
  // typeRoots point at the root's @types, so a consumer's own node_modules is not needed.
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...compilerOptions, typeRoots: [join(root, 'node_modules', '@types')] }, files: ['consumer.ts'] }, null, 2));
  return dir;
}

async function best(dir: string): Promise<Measured> {
  const runs: Measured[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measureCommand(process.execPath, [tscBin, '-p', join(dir, 'tsconfig.json')], { cwd: dir, timeoutMs: 180_000 }));
  return runs.filter((r) => r.ok).sort((a, b) => a.wallMs - b.wallMs)[0] ?? (runs[0] as Measured);
}

/**
 * The GitHub SDK as an app gets it: generated outside a checkout it imports the published
 * runtime, whose declarations (`.d.ts`, skipped under skipLibCheck) stand in for src/. Here the
 * runtime's declarations are emitted with tsconfig.build.json (as `npm run build` does) behind
 * an entry like the package's `./runtime` export, and the SDK is generated with `--runtime` at it.
 */
async function publishedFormSdk(): Promise<string> {
  const typesOut = join(scratch, 'tsc', 'runtime-types');
  const emitted = await measureCommand(process.execPath, [tscBin, '-p', join(root, 'tsconfig.build.json'), '--outDir', typesOut], { cwd: root, timeoutMs: 180_000 });
  if (!emitted.ok) throw new Error(`emitting the runtime's declarations failed: ${emitted.detail}`);
  await writeFile(join(typesOut, 'entry.d.ts'), "export * from './src/index.js';\nexport * from './src/runtime.js';\nexport * from './src/client.js';\n");
  const out = join(scratch, 'github-sdk-published');
  const generated = await runGenerator(githubSpec, out, 240_000, ['--runtime', join(typesOut, 'entry.js'), '--valibot', 'valibot']);
  if (!generated.ok) throw new Error(`generating the published-form GitHub SDK failed: ${generated.detail}`);
  return out;
}

export async function tscTime(): Promise<SectionResult> {
  await generateGithubSdk();
  const publishedDir = await publishedFormSdk();
  const ots = await runOpenapiTypescript();
  if (!ots.ok) throw new Error(`openapi-typescript failed: ${ots.detail}`);
  const rel = (dir: string, file: string) => JSON.stringify(`./${relative(dir, file)}`);
  const tetherDir = join(scratch, 'tsc', 'tether');
  const typesDir = join(scratch, 'tsc', 'openapi-typescript');
  const fetchDir = join(scratch, 'tsc', 'openapi-fetch');
  const publishedConsumerDir = join(scratch, 'tsc', 'tether-published');
  const cases: Array<[string, string]> = [
    ['Tether GitHub SDK: createSdk(…), runtime as published (.d.ts)', await consumer('tether-published', `import { createSdk } from ${rel(publishedConsumerDir, join(publishedDir, 'index.ts'))}; export const sdk = createSdk({ baseUrl: 'https://api.github.com' });`)],
    ["openapi-typescript's types alone", await consumer('openapi-typescript', `import type { paths } from ${rel(typesDir, openapiTsOut)}; export type Repo = paths['/repos/{owner}/{repo}']['get'];`)],
    ['openapi-fetch over the same types', await consumer('openapi-fetch', `import createClient from ${JSON.stringify(join(root, 'node_modules', 'openapi-fetch'))}; import type { paths } from ${rel(fetchDir, openapiTsOut)}; export const client = createClient<paths>({ baseUrl: 'https://api.github.com' });`)],
    // Inside the checkout the SDK imports src/ itself, which tsc then checks as source too.
    ['Tether GitHub SDK: createSdk(…), runtime as source (in this checkout)', await consumer('tether', `import { createSdk } from ${rel(tetherDir, join(githubSdkDir, 'index.ts'))}; export const sdk = createSdk({ baseUrl: 'https://api.github.com' });`)],
  ];
  const results: Array<[string, Measured]> = [];
  for (const [name, dir] of cases) results.push([name, await best(dir)]);
  const base = results[1]?.[1];
  const rows = results.map(([name, m]) => [name, m.ok ? fmt.s(m.wallMs) : 'failed', m.ok && base ? fmt.ratio(m.wallMs / base.wallMs) : '', m.maxRssBytes ? fmt.mb(m.maxRssBytes) : 'n/a', m.ok ? '' : m.detail.split('\n')[0] ?? '']);
  const tether = results[0]?.[1];
  const ratio = tether?.ok && base?.ok ? tether.wallMs / base.wallMs : Number.NaN;
  return {
    tables: [{ title: `tsc --noEmit of a one-line consumer (best of ${RUNS})`, head: ['consumer of', 'wall', "vs openapi-typescript's types", 'peak RSS', 'error'], rows }],
    goals: [{ goal: 'tsc of a consumer of the GitHub SDK ≤ 1.5× openapi-typescript’s types alone', measured: Number.isFinite(ratio) && tether ? `${fmt.ratio(ratio)} (${fmt.s(tether.wallMs)})` : 'n/a', met: Number.isFinite(ratio) ? ratio <= 1.5 : undefined }],
    notes: [
      'Wall time of the whole tsc process (start-up included, about the same for all). The consumer tsconfig is strict with skipLibCheck on; the generated services.ts, functions.ts and index.ts are .ts, so they are checked whatever skipLibCheck says, while .d.ts inputs (validators, operation metadata, schema types, the published runtime) are not.',
      'The goal is measured on the first row, the SDK as an app gets it (generated outside a Tether checkout it imports the published runtime’s declarations; here emitted by tsconfig.build.json behind an entry like the package’s `./runtime`). The last row is the same SDK generated inside this checkout, where it imports src/ and tsc checks the runtime’s ~8,000 lines of source as well.',
    ],
  };
}
