/** JSON reads without ETag or Cache-Control: every screen refresh downloads everything again. */
import { isRead, type Rule } from '../rule.js';

export const cacheValidators: Rule = {
  id: 'cache-validators',
  title: 'Reads without cache validators',
  problem: 'declare neither ETag nor Cache-Control, so every refresh re-downloads the full body and the app cannot revalidate cheaply (304) or show cached data honestly',
  rationale: 'The same screens are opened many times a day on metered, slow links. Conditional requests turn most refreshes into a few hundred bytes and make stale-while-revalidate safe.',
  fix: 'Send `ETag` (and honour `If-None-Match` with 304) plus an explicit `Cache-Control` on read endpoints, and declare both headers on the 2xx responses in the spec.',
  severity: 'low',
  fixScope: 'server',
  verdicts: ['caching'],
  check(input) {
    const hits = input.operations
      .filter((op) => isRead(op) && op.responseKind === 'json' && !op.cacheable && op.authRole === undefined)
      .map((operation) => ({ operation }));
    return { hits };
  },
};
