/**
 * Every test file takes `suite`/`test` from test/helpers/timed-suite.ts, never from 'uvu': uvu's
 * own have no time limit (a hang ends the whole run) and keep no books for the runner.
 * `uvu/assert` is fine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import * as assert from 'uvu/assert';
import { root } from '../helpers/paths.js';
import { test } from '../helpers/timed-suite.js';

/** The one module allowed to wrap uvu. */
const WRAPPER = 'test/helpers/timed-suite.ts';
/**
 * A static (possibly multi-line), side-effect, dynamic or CommonJS import of the bare 'uvu'
 * module, not 'uvu/assert'. Statements only: prose that mentions the module is not an import.
 */
const UVU_IMPORT = /^\s*(?:import|export)\b[^;]*?\bfrom\s*(['"])uvu\1|^\s*import\s*(['"])uvu\2|\b(?:import|require)\s*\(\s*(['"`])uvu\3\s*\)/m;

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sources(path, out);
    else if (/\.(?:[cm]?ts|[cm]?js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(relative(root, path).split(sep).join('/'));
  }
  return out;
}

/** The files among `files` (repo-relative, with their text) that import from 'uvu' directly. */
export function directUvuImports(files: ReadonlyArray<readonly [string, string]>): string[] {
  return files.filter(([file, text]) => file !== WRAPPER && UVU_IMPORT.test(text)).map(([file]) => file);
}

test("no test file imports suite/test from 'uvu' directly", () => {
  const files = sources(join(root, 'test')).map((file) => [file, readFileSync(join(root, file), 'utf8')] as const);
  // Guard against a check that passes because it saw nothing.
  assert.ok(files.filter(([file]) => file.endsWith('.test.ts')).length > 40, `only ${files.length} files found`);
  const offenders = directUvuImports(files);
  assert.equal(offenders, [], `import suite/test from test/helpers/timed-suite.js instead of 'uvu' in:\n${offenders.join('\n')}`);
});

test("the check catches every spelling of a 'uvu' import and leaves uvu/assert alone", () => {
  // Spelled through a variable so this file's own text holds no 'uvu' import for the scan above.
  const uvu = ['uv', 'u'].join('');
  const caught = directUvuImports([
    ['a.test.ts', `import { test } from '${uvu}';`],
    ['b.test.ts', `import { suite as s } from "${uvu}";`],
    ['c.test.ts', `const { test } = await import('${uvu}');`],
    ['d.test.cjs', `const { test } = require('${uvu}');`],
    ['e.test.ts', `import '${uvu}';`],
    ['f.test.ts', `import * as assert from '${uvu}/assert';\nimport { test } from '../helpers/timed-suite.js';`],
    ['g.test.ts', `import {\n  suite,\n  test,\n} from '${uvu}';`],
    ['h.test.ts', `// never import from '${uvu}' here\ntest('not from "${uvu}"', () => {});`],
    [WRAPPER, `import { suite as uvuSuite } from '${uvu}';`],
  ]);
  assert.equal(caught, ['a.test.ts', 'b.test.ts', 'c.test.ts', 'd.test.cjs', 'e.test.ts', 'g.test.ts']);
});

test.run();
