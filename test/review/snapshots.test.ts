/**
 * The review of openapi/v1 (without options, with an app's options, with risky ones) and of the
 * vendored real specs, checked in as text under test/fixtures/review/. For the four large specs
 * only the first services are kept, so the snapshots stay readable. `UPDATE_SNAPSHOTS=1`
 * rewrites them; read the diff before committing.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { fixtureSpecs, root } from '../helpers/paths.js';
import { suite } from '../helpers/timed-suite.js';
import { formatText } from '../../src/review/format-text.js';
import { parseReviewArgs } from '../../scripts/review/args.js';
import { reviewSpecs } from '../../scripts/review/run-review.js';

const test = suite('review snapshots', {}, { timeoutMs: 60_000 });
const dir = join(root, 'test', 'fixtures', 'review');
const update = process.env.UPDATE_SNAPSHOTS === '1';
const io = { cwd: root, root, write() {}, error() {} };
/** Services kept for the large specs (hundreds of operations each). */
const LARGE_SPEC_SERVICES = 4;

const cases: Array<{ name: string; argv: string[]; services?: number }> = [
  { name: 'shop-v1', argv: ['--spec', 'openapi/v1/openapi.yaml'] },
  { name: 'shop-v1-app-options', argv: ['--spec', 'openapi/v1/openapi.yaml', '--options', 'test/fixtures/review/app-options.json'] },
  { name: 'shop-v1-risky-options', argv: ['--spec', 'openapi/v1/openapi.yaml', '--options', 'test/fixtures/review/risky-options.json'] },
  ...['petstore-3.0.json', 'petstore-3.1.yaml', 'train-travel-3.1.yaml', 'aws-mediastore-data.json', 'galaxy-3.1.json', 'openai.json'].map((file) => ({
    name: file.replace(/\.(json|yaml)$/, ''),
    argv: ['--spec', `test/fixtures/specs/${file}`, '--options', 'test/fixtures/review/app-options.json'],
  })),
  ...['blockfrost.yaml', 'slack.json', 'digitalocean.json', 'github.json'].map((file) => ({
    name: file.replace(/\.(json|yaml)$/, ''),
    argv: ['--spec', `test/fixtures/specs/${file}`, '--options', 'test/fixtures/review/app-options.json'],
    services: LARGE_SPEC_SERVICES,
  })),
];

for (const { name, argv, services } of cases) {
  test(`${name} reads as its snapshot`, async () => {
    assert.ok(existsSync(join(fixtureSpecs, 'README.md')));
    const reports = await reviewSpecs(parseReviewArgs(argv), io);
    const actual = formatText(services === undefined ? reports : reports.slice(0, services));
    const file = join(dir, `${name}.txt`);
    if (update || !existsSync(file)) {
      await writeFile(file, actual);
      if (!update) assert.unreachable(`wrote missing snapshot ${file}; read it and re-run`);
      return;
    }
    assert.fixture(actual, await readFile(file, 'utf8'));
  });
}

test('snapshots say what they should: v1 is HIGH without options (token storage unknown), not with a secure app', async () => {
  const bare = await readFile(join(dir, 'shop-v1.txt'), 'utf8');
  assert.match(bare, /Not assessed: token storage/);
  const app = await readFile(join(dir, 'shop-v1-app-options.txt'), 'utf8');
  assert.not.match(app, /Not assessed/);
  assert.match(app, /SERVICE: orders[\s\S]*Mutations without Idempotency-Key: sdk\.orders\.updateOrder/);
  const risky = await readFile(join(dir, 'shop-v1-risky-options.txt'), 'utf8');
  for (const verdict of ['Data in transit: EXPOSED', 'Retry logic: NO', 'Timeout configured: NO', 'Token management: INSECURE', 'Layer separation: NEEDS WORK']) assert.match(risky, verdict);
});

test.run();
