/**
 * The runtime sources and every file generated in the repo type-check as part of a consumer's
 * own program under each ESM config of the matrix (the published build, ESM and CJS, is covered
 * by test/pack.test.ts). This is where `Headers.entries()` without DOM.Iterable used to break.
 */
import { suite } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { root } from '../helpers/paths.js';
import { MATRIX, typeCheck } from './matrix.js';

// More than the default 30 s per test: each case type-checks a consumer project with tsc: tens of seconds apiece under load.
const test = suite('', {}, { timeoutMs: 180_000 });

for (const config of MATRIX.filter((c) => c.format === 'esm')) {
  test(`src/ and generated/v1 compile under ${config.name}`, async () => {
    const generated = join(root, 'generated', 'v1');
    const files = (await readdir(generated)).filter((f) => f.endsWith('.ts')).map((f) => join(generated, f));
    // Declaration files are lib-checked where they are published (test/pack.test.ts); here the
    // subject is our .ts sources inside a consumer's program, and re-checking valibot's and
    // @types/node's declarations per config would only cost time.
    const options = { ...config.compilerOptions, skipLibCheck: true };
    const { errors, files: inProgram } = typeCheck([join(root, 'test', 'consumer', 'source-consumer.ts'), ...files], options, root);
    assert.is(errors, "", errors);
    assert.ok(inProgram.includes('src/runtime.ts'), 'the runtime sources are part of the program');
  });
}

test.run();
