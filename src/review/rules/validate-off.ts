/** `validate: 'off'`: a response that breaks the contract reaches UI code as if it were typed. */
import type { Rule } from '../rule.js';

export const validateOff: Rule = {
  id: 'validate-off',
  title: 'Validation turned off',
  problem: "with `validate: 'off'` a response that breaks the contract is handed to UI code typed as valid, and crashes far from its cause (`undefined is not an object`) instead of failing the call with a NetworkError",
  rationale: 'Mobile apps stay installed for years against a server that keeps changing; validation at the SDK boundary turns a backend regression into one typed, logged error instead of a crash report with no request attached.',
  fix: "Use `validate: 'strict'` (default) or `'warn'` while migrating; if validation costs too much on a hot path, turn it off per call, not SDK-wide.",
  severity: 'medium',
  fixScope: 'client',
  verdicts: ['errorHandling', 'layerSeparation'],
  check(input) {
    return input.options?.validate === 'off' ? { global: [{ description: "createSdk options set `validate: 'off'`", pointers: ['options.validate'] }] } : {};
  },
};
