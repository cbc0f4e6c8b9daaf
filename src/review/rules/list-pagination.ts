/** A GET returning a list with no pagination: the whole collection in one answer, or silently cut. */
import { returnsList, type Rule } from '../rule.js';

export const listPagination: Rule = {
  id: 'list-pagination',
  title: 'Lists without pagination',
  problem: 'return the whole collection in one response: it grows with the account, times out on slow links and cannot be resumed',
  rationale:
    'A list that is fine with 20 rows in testing is megabytes for a power user a year later; on a 3G link that is a timeout, retried from scratch, and a phone holding it all in memory.',
  fix: 'Page every list with a cursor (`cursor`/`limit` in, `nextCursor` out, wrapped in an object such as `{ items, nextCursor }`) and give `limit` a maximum; the SDK then offers `.pages()`/`.all()`.',
  severity: 'medium',
  fixScope: 'server',
  verdicts: ['errorRecovery'],
  check(input) {
    const hits = input.operations
      .filter((op) => op.method === 'get' && returnsList(op) && !op.paginated)
      .map((operation) => ({
        operation,
        pointer: operation.list!.pointer,
        // Turning a bare array into a page object changes the response type: breaking for SDK users.
        fixScope: operation.list!.kind === 'array' ? ('breaking' as const) : ('server' as const),
        detail: operation.list!.kind === 'array' ? 'bare array' : `list in \`${operation.list!.field ?? '?'}\``,
      }));
    return { hits };
  },
};
