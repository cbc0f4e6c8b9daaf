/** Collections but no change feed: offline-first clients can only re-download everything. */
import { returnsList, type Rule } from '../rule.js';

/** Query parameters that ask for changes after a point (a timestamp or an opaque token). */
export const SINCE_PARAM = /^(since|updated_?since|modified_?since|changed_?since|updated_?after|modified_?after|since_?token|sync_?token|delta_?token|changes_?since|last_?sync.*)$/i;

export const syncFeed: Rule = {
  id: 'sync-feed',
  title: 'No change feed for offline-first data',
  problem: 'are the only way to read these collections, and no operation anywhere returns changes since a cursor or time, so an offline-first app must re-fetch whole lists to learn about edits and deletions',
  rationale:
    'An app that works offline keeps a local copy and must catch up when it reconnects. Without a `since` feed (upserts and tombstones) it re-downloads everything and still never learns what was deleted.',
  fix: 'Add a changes feed: `GET /sync?since=<cursor>` returning upserts, deleted ids and the next cursor (or `updatedSince` on each list plus tombstones), so clients catch up incrementally.',
  severity: 'medium',
  fixScope: 'server',
  verdicts: ['offlineSupport'],
  check(input) {
    const lists = input.operations.filter((op) => op.method === 'get' && returnsList(op));
    if (lists.length === 0) return {};
    if (input.operations.some((op) => op.queryParams?.some((name) => SINCE_PARAM.test(name)))) return {};
    if (input.operations.some((op) => op.method === 'get' && op.queryParams === undefined)) {
      return { notAssessed: [{ what: 'whether a change feed exists', why: 'some operations\' query parameters are unknown' }] };
    }
    return { hits: lists.map((operation) => ({ operation })) };
  },
};
