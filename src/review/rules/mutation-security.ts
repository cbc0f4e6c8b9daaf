/** State-changing operations that require no authentication. */
import type { Rule } from '../rule.js';

const MUTATING = new Set(['post', 'put', 'patch', 'delete']);

export const mutationSecurity: Rule = {
  id: 'mutation-security',
  title: 'Mutations without authentication',
  problem: 'change server state but declare no security requirement, so anyone who finds the URL can call them (and the SDK sends them without a token)',
  rationale: 'App traffic is trivially intercepted and replayed from a rooted phone or a proxy; every write must be authorised on the server, and the spec is what tells the SDK to attach credentials.',
  fix: 'Require authentication on every mutating operation (global `security` plus per-operation overrides only for sign-in/sign-up), or document why it is public and rate-limit it hard.',
  severity: 'high',
  fixScope: 'breaking',
  verdicts: ['tokenManagement'],
  check(input) {
    const hits = input.operations
      // Sign-in and refresh are anonymous by design.
      .filter((op) => MUTATING.has(op.method) && op.authRole === undefined && op.security.length === 0)
      .map((operation) => ({ operation }));
    return { hits };
  },
};
