/** Operations without an operationId: their SDK names are derived from the path and change with it. */
import type { Rule } from '../rule.js';

export const operationId: Rule = {
  id: 'operation-id',
  title: 'Operations without operationId',
  problem: 'get SDK method names made up from method and path, which change whenever the path does and read poorly in app code',
  rationale: 'The operationId is the SDK method name and the offline queue key; without it a harmless path rename breaks every app that calls the operation, and persisted queue entries no longer match.',
  fix: 'Give every operation a stable, camelCase operationId (the name you want in `sdk.<tag>.<operationId>`) and lint for it in CI; adding them renames SDK methods once, so ship it with a version bump.',
  severity: 'medium',
  fixScope: 'breaking',
  verdicts: ['layerSeparation'],
  check(input) {
    return { hits: input.operations.filter((op) => op.operationId === undefined).map((operation) => ({ operation })) };
  },
};
