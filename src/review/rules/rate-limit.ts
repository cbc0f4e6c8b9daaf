/** No 429 declared, or a 429 without Retry-After: clients cannot back off the way the server wants. */
import type { OperationHit, Rule } from '../rule.js';

export const rateLimit: Rule = {
  id: 'rate-limit',
  title: 'Rate limiting not declared',
  problem: 'declare no 429 (or one without Retry-After), so the SDK can only guess its backoff and a fleet of phones reconnecting at once retries in lockstep',
  rationale:
    'After an outage every phone comes back at the same moment. A declared 429 with Retry-After lets the server spread the load, and the SDK honours it (capped) instead of its own jittered guess.',
  fix: 'Rate-limit per user/token, answer 429 with `Retry-After` (and optionally `RateLimit` headers), and declare that 429 response with its headers on every operation (a shared `components/responses/TooManyRequests`).',
  severity: 'medium',
  fixScope: 'server',
  verdicts: ['errorRecovery'],
  check(input) {
    const hits: OperationHit[] = [];
    for (const operation of input.operations) {
      const has429 = operation.errorResponses.some((r) => r.status === '429' || r.status.toUpperCase() === '4XX');
      if (!has429) hits.push({ operation, detail: 'no 429' });
      else if (operation.retryAfterDeclared === false) hits.push({ operation, detail: '429 without Retry-After' });
    }
    return { hits };
  },
};
