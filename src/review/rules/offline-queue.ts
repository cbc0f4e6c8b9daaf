/** Mutations with no offline queue: what a user does without signal is lost or must be redone. */
import type { Rule } from '../rule.js';

export const offlineQueue: Rule = {
  id: 'offline-queue',
  title: 'Mutations are not queued offline',
  problem: 'fail outright when the device is offline or the send fails transiently: the user must stay on the screen and retry by hand, or the change is lost when the app is closed',
  rationale:
    'Mobile users act in lifts, tunnels and planes. An offline queue persists the intent (operation, body, idempotency key) before reporting success, replays it when the network returns and applies it exactly once. Without one, each screen must block or lose work.',
  fix: 'Queue mutations made offline with an offline queue that persists before it resolves and replays with the same Idempotency-Key; until the SDK version you use provides `offline`, keep mutation screens blocking with an explicit retry when offline.',
  severity: 'medium',
  fixScope: 'client',
  verdicts: ['offlineSupport'],
  check(input) {
    // Judged only from options the app gave: with none, the review does not guess.
    if (input.options === undefined || input.options.offline) return {};
    const mutations = input.operations.filter((op) => op.method === 'post' || op.method === 'put' || op.method === 'patch' || op.method === 'delete');
    return mutations.length === 0 ? {} : { hits: mutations.map((operation) => ({ operation })) };
  },
};
