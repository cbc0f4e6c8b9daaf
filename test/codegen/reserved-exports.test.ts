/**
 * Every generated index.ts re-exports the runtime's public API next to the standalone operation
 * functions, so the generator must know every value the runtime exports (reserved-exports.ts):
 * an operation named like one would otherwise shadow it or fail to compile.
 */
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { RESERVED_EXPORTS } from '../../scripts/codegen/reserved-exports.js';

test('every value export of the runtime (index, runtime, client) is reserved for standalone functions', async () => {
  const modules = await Promise.all([import('../../src/index.js'), import('../../src/runtime.js'), import('../../src/client.js')]);
  const exported = [...new Set(modules.flatMap((m) => Object.keys(m)))].sort();
  const missing = exported.filter((name) => !RESERVED_EXPORTS.includes(name));
  assert.equal(missing, [], `add to RUNTIME_VALUE_EXPORTS in scripts/codegen/reserved-exports.ts: ${missing.join(', ')}`);
});

test.run();
