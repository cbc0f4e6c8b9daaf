/** No 4xx responses with a body schema, or a request that can fail validation with no 400/422 schema. */
import type { OperationHit, Rule } from '../rule.js';
import type { ReviewOperation } from '../types.js';

const clientErrors = (op: ReviewOperation) => op.errorResponses.filter((r) => /^4(\d\d|XX)$/i.test(r.status) || r.status === 'default');

export const errorSchemas: Rule = {
  id: 'error-schemas',
  title: 'Undeclared error responses',
  problem: 'the app cannot show the user why a call failed: errors arrive as untyped data, and form errors cannot be mapped to fields',
  rationale:
    'The SDK maps a typed 400/422 body to per-field messages and every error to a NetworkError; with no declared error bodies the UI is left with "Something went wrong" and support tickets.',
  fix: 'Declare 4xx responses with a shared problem schema (RFC 9457 `application/problem+json`), and a 422 (or 400) with per-field errors on every operation that takes input.',
  severity: 'medium',
  fixScope: 'server',
  verdicts: ['errorHandling'],
  check(input) {
    const hits: OperationHit[] = [];
    for (const operation of input.operations) {
      const errors = clientErrors(operation);
      const takesInput = ['post', 'put', 'patch'].includes(operation.method);
      // A `4XX` or `default` response with a schema covers the statuses it stands for.
      const covered = errors.some((r) => r.schema && /^(4XX|default)$/i.test(r.status));
      const bare = errors.filter((r) => !r.schema).map((r) => r.status);
      if (errors.length === 0) hits.push({ operation, detail: 'no 4xx declared' });
      else if (bare.length > 0 && !covered) hits.push({ operation, detail: `${bare.join('/')} without a schema` });
      else if (takesInput && !errors.some((r) => r.schema && /^(400|422|4XX|default)$/i.test(r.status))) hits.push({ operation, detail: 'no 400/422 schema for its input' });
    }
    return { hits };
  },
};
