/**
 * The small fixture specs whose generated SDKs the type tests in this folder import. The output
 * is committed (tsc checks the type tests against it) and kept honest by
 * test/codegen/wire-types.test.ts, which regenerates and compares bytes.
 * Regenerate after a generator change: `npx tsx test/types/fixture-sdks.ts`.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate, type GenerateResult } from '../../scripts/codegen/generate.js';
import { root } from '../helpers/paths.js';

export interface FixtureSdk {
  /** Spec file, relative to the repo root. */
  readonly spec: string;
  /** Committed output folder, relative to the repo root. */
  readonly out: string;
}

export const FIXTURE_SDKS: ReadonlyArray<FixtureSdk> = [
  { spec: 'test/fixtures/webhooks/accounts.yaml', out: 'test/types/generated-accounts' },
  { spec: 'test/fixtures/webhooks/webhooks-only.yaml', out: 'test/types/generated-webhooks-only' },
  { spec: 'test/fixtures/wire/bodies.yaml', out: 'test/types/generated-bodies' },
  { spec: 'test/fixtures/wire/security.yaml', out: 'test/types/generated-security' },
  { spec: 'test/fixtures/wire/parameters.yaml', out: 'test/types/generated-params' },
];

/** Generates one fixture SDK into `out` (default: its committed folder). */
export function generateFixture(sdk: FixtureSdk, out: string = join(root, sdk.out)): Promise<GenerateResult> {
  return generate({ spec: join(root, sdk.spec), out, runtimeDir: join(root, 'src') });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const sdk of FIXTURE_SDKS) {
    const result = await generateFixture(sdk);
    process.stdout.write(`generated ${sdk.out} (${result.files.join(', ')}; ${result.warnings.length} warnings)\n`);
  }
}
