/** A timeout longer than a user holds a phone waiting: the spinner outlives the user's patience. */
import type { GlobalHit, Rule } from '../rule.js';

/**
 * Per attempt. Users give up on a screen after ~10–20 s; 30 s (the SDK default) still lets a
 * slow 3G link deliver a typical JSON body, anything longer only delays the retry or the error.
 */
export const PHONE_PATIENCE_MS = 30_000;
/** Across all attempts and backoff: past a minute the answer no longer matters to the screen that asked. */
export const CALL_PATIENCE_MS = 60_000;

export const timeoutPatience: Rule = {
  id: 'timeout-patience',
  title: 'Timeout above a phone\'s patience',
  problem: 'a dead connection is noticed only after the user has given up (and retries multiply the wait)',
  rationale: 'A stalled TCP connection on a train looks exactly like a slow server. A short per-attempt timeout lets the SDK retry on a fresh connection while the user is still looking.',
  fix: `Keep \`timeoutMs\` at or below ${PHONE_PATIENCE_MS} ms per attempt and set \`deadlineMs\` (≤ ${CALL_PATIENCE_MS} ms) to bound the whole call; raise the timeout per call only for known slow uploads or exports.`,
  severity: 'medium',
  fixScope: 'client',
  verdicts: ['timeoutConfigured'],
  check(input) {
    const options = input.options;
    const global: GlobalHit[] = [];
    if (options?.timeoutMs !== undefined && options.timeoutMs > PHONE_PATIENCE_MS) {
      global.push({ description: `\`timeoutMs: ${options.timeoutMs}\` is above ${PHONE_PATIENCE_MS} ms per attempt`, pointers: ['options.timeoutMs'] });
    }
    if (options?.deadlineMs !== undefined && options.deadlineMs > CALL_PATIENCE_MS) {
      global.push({ description: `\`deadlineMs: ${options.deadlineMs}\` is above ${CALL_PATIENCE_MS} ms per call`, pointers: ['options.deadlineMs'] });
    }
    return { global };
  },
};
