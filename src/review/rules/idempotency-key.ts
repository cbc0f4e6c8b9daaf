/** POST/PATCH without an Idempotency-Key: a retry or an offline replay can apply the change twice. */
import type { Rule } from '../rule.js';

export const idempotencyKey: Rule = {
  id: 'idempotency-key',
  title: 'Mutations without Idempotency-Key',
  problem:
    'the SDK never retries them and the offline queue cannot replay them safely: a timeout after the server committed leaves the user guessing, and a blind retry duplicates the order or payment',
  rationale:
    'On mobile networks the answer to a POST is lost far more often than the request. Without a key the client cannot tell "never arrived" from "done, answer lost", so it must either give up (data loss) or repeat (duplicates).',
  fix: 'Accept an optional `Idempotency-Key` header on every POST/PATCH (draft-ietf-httpapi-idempotency-key-header), store the first response per key for 24 h and replay it; declare the header in the spec so the SDK sends a UUID and retries.',
  severity: 'high',
  fixScope: 'server',
  verdicts: ['retryStrategy', 'offlineSupport'],
  check(input) {
    const hits = input.operations
      // Sign-in and token refresh are not data mutations; replaying them is the auth layer's concern.
      .filter((op) => (op.method === 'post' || op.method === 'patch') && !op.idempotent && op.idempotencyKeyHeader === undefined && op.authRole === undefined)
      .map((operation) => ({ operation }));
    return { hits };
  },
};
