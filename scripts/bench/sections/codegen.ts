/**
 * Section 4: generating the GitHub SDK (the largest vendored spec), wall time and peak RSS of
 * each generator in its own process: Tether (the `generate` script), openapi-typescript
 * (types only), @hey-api/openapi-ts with its SDK and valibot plugins. Once each: a run takes
 * tens of seconds, and the whole bench must fit in 10 minutes.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { measureCommand, type Measured } from '../lib/child.js';
import { generateGithubSdk, generateScript } from '../lib/generate.js';
import { benchModules, githubSpec, root, scratch } from '../lib/paths.js';
import { fmt, type GoalCheck, type SectionResult } from '../lib/table.js';

export const openapiTsOut = join(scratch, 'openapi-typescript', 'github.d.ts');

/** openapi-typescript's GitHub types, made once per run (also read by the tsc section). */
let otsRun: Promise<Measured> | undefined;
export function runOpenapiTypescript(): Promise<Measured> {
  otsRun ??= (async () => {
    await mkdir(join(scratch, 'openapi-typescript'), { recursive: true });
    return measureCommand(process.execPath, [join(root, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'), githubSpec, '-o', openapiTsOut], { timeoutMs: 180_000 });
  })();
  return otsRun;
}

async function runHeyApi(): Promise<Measured> {
  const out = join(scratch, 'hey-api');
  await rm(out, { recursive: true, force: true });
  const cli = join(benchModules, '@hey-api', 'openapi-ts', 'bin', 'run.js');
  return measureCommand(process.execPath, [cli, '-i', githubSpec, '-o', out, '-p', '@hey-api/typescript', '@hey-api/sdk', 'valibot', '-s', '--no-log-file'], { cwd: scratch, timeoutMs: 240_000 });
}

export async function codegen(): Promise<SectionResult> {
  const tether = await generateGithubSdk().catch((error: unknown): Measured => ({ wallMs: Number.NaN, maxRssBytes: undefined, ok: false, detail: String((error as Error).message) }));
  const ots = await runOpenapiTypescript();
  const hey = await runHeyApi();
  const rows = (
    [
      [`Tether (${generateScript()})`, tether],
      ['openapi-typescript (types only)', ots],
      ['@hey-api/openapi-ts (types + sdk + valibot)', hey],
    ] as const
  ).map(([name, m]) => [name, m.ok ? fmt.s(m.wallMs) : 'failed', m.ok ? fmt.ratio(m.wallMs / ots.wallMs) : '', m.maxRssBytes ? fmt.mb(m.maxRssBytes) : 'n/a', m.ok ? '' : m.detail.split('\n')[0] ?? '']);
  const ratio = tether.wallMs / ots.wallMs;
  const goals: GoalCheck[] = [
    { goal: '`generate` on GitHub ≤ 1.5× openapi-typescript’s wall time', measured: tether.ok && ots.ok ? `${fmt.ratio(ratio)} (${fmt.s(tether.wallMs)} vs ${fmt.s(ots.wallMs)})` : 'n/a', met: tether.ok && ots.ok ? ratio <= 1.5 : undefined },
  ];
  return {
    tables: [{ title: 'Codegen, test/fixtures/specs/github.json (1 run each, own process)', head: ['generator', 'wall', 'vs openapi-typescript', 'peak RSS', 'error'], rows }],
    goals,
    notes: ['Peak RSS is GNU time’s maxRSS (the largest process of the tree: a CLI that re-spawns node, as tsx does, is counted by its largest child). Tether’s time includes its CLI start-up, exactly as `npm run generate -- --spec … --out …` pays it (npm’s own start-up excluded).'],
  };
}
