/** The app turned no cache on: every screen waits on the network, and nothing shows offline. */
import { isRead, type Rule } from '../rule.js';

export const cacheOff: Rule = {
  id: 'cache-off',
  title: 'No HTTP cache configured',
  problem: 'are read with no cache on the device: every screen waits for a full round trip, repeated reads re-download the body, and nothing can be shown while offline',
  rationale:
    'A phone on a bad network spends most of its time waiting. The SDK ships an RFC 9111 cache (fresh answers served without a request, 304 revalidation, stale fallback when the network fails), but it is off unless the app passes `cache`.',
  fix: 'Pass `cache: { storage }` to createSdk (a persistent adapter: AsyncStorage/MMKV on React Native, IndexedDB in browsers) and pick a strategy per screen (docs/caching.md); `stale-while-revalidate` for feeds, `network-first` for detail screens.',
  severity: 'low',
  fixScope: 'client',
  verdicts: ['caching'],
  check(input) {
    // Judged only from options the app gave: with none, the defaults are unknown to the review.
    if (input.options === undefined || input.options.cache) return {};
    const reads = input.operations.filter(isRead);
    return reads.length === 0 ? {} : { hits: reads.map((operation) => ({ operation })) };
  },
};
