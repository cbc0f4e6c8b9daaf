/**
 * Every real-world spec vendored in test/fixtures/specs generates an SDK that type-checks on its own under
 * `tsc --strict`. Flaws that need not block (digitalocean's dangling discriminator mappings)
 * are warnings naming their pointer.
 */
import { suite } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../../scripts/codegen/generate.js';
import { cleanScratch, root, scratch, fixtureSpecs } from '../helpers/paths.js';
import { typecheckFolder } from '../helpers/tsc.js';

// More than the default 30 s per test: generating and type-checking the GitHub SDK takes tens of seconds on a loaded machine.
const test = suite('', {}, { timeoutMs: 180_000 });

const specs = readdirSync(fixtureSpecs).filter((f) => /\.(json|ya?ml)$/.test(f)).sort();

test('the vendored specs folder holds the expected real-world specs', () => {
  assert.ok(specs.length >= 10, `found ${specs.join(', ')}`);
});

for (const file of specs) {
  test(`${file}: generates and type-checks under tsc --strict`, async () => {
    const out = join(await scratch('real'), file.replace(/\W+/g, '-'));
    const result = await generate({ spec: join(fixtureSpecs, file), out, runtimeDir: join(root, 'src') });
    assert.ok(result.operations > 0);
    if (file === 'digitalocean.json') {
      assert.ok(result.warnings.length > 0, 'digitalocean has unresolvable mappings');
      for (const w of result.warnings) assert.match(w.pointer, /^#\//);
      assert.ok(result.warnings.some((w) => /discriminator\/mapping\//.test(w.pointer)));
    }
    const tsc = await typecheckFolder(out);
    assert.ok(tsc.ok, `${file} failed to type-check:\n${tsc.output.slice(0, 4000)}`);
  });
}

// This suite's scratch folders go with it (the runner removes the rest of its run folder).
test.after(() => cleanScratch('real'));

test.run();
