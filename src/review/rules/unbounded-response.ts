/** A list in a response with no `maxItems` where no pagination bounds it either. */
import { returnsList, type Rule } from '../rule.js';

export const unboundedResponse: Rule = {
  id: 'unbounded-response',
  title: 'Unbounded responses',
  problem: 'nothing in the contract limits how many items come back, so one answer can outgrow the SDK\'s 10 MiB response cap or a phone\'s memory',
  rationale:
    'A page size the client asks for is a wish, not a limit: without `maxItems` (or a documented maximum on `limit`) a server bug or a big account sends everything, and the app fails the same way on every retry.',
  fix: 'Give every list in a response a `maxItems` that matches the server\'s hard cap (and `maximum` on the `limit` parameter), and paginate lists that can exceed it.',
  severity: 'medium',
  fixScope: 'server',
  verdicts: ['errorRecovery'],
  check(input) {
    // Unpaginated GET lists are list-pagination's finding; this covers the rest: pages whose
    // array has no cap, and lists returned by POST/PUT (search, batch).
    const hits = input.operations
      .filter((op) => returnsList(op) && !op.list!.bounded && (op.paginated || op.method !== 'get'))
      .map((operation) => ({ operation, pointer: operation.list!.pointer, detail: 'no maxItems' }));
    return { hits };
  },
};
