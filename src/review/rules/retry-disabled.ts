/** `retry: false` (or no retries): one dropped packet is an error on the user's screen. */
import type { GlobalHit, Rule } from '../rule.js';

export const retryDisabled: Rule = {
  id: 'retry-disabled',
  title: 'Retries turned off',
  problem: 'transient failures (a dropped connection, a 503 during a deploy, a 429) reach the user as errors although a retry would have succeeded',
  rationale: 'Mobile connections drop for a second all the time. The SDK retries only requests that are safe to repeat, with jittered backoff, a budget and Retry-After, so turning it off buys nothing but failures.',
  fix: 'Remove `retry: false` (or set `maxRetries` ≥ 2); turn retries off per call (`{ retry: false }`) only where a human is waiting on an explicit retry button.',
  severity: 'medium',
  fixScope: 'client',
  verdicts: ['retryLogic', 'retryStrategy'],
  check(input) {
    const retry = input.options?.retry;
    const global: GlobalHit[] = [];
    if (retry === false) global.push({ description: 'createSdk options set `retry: false`', pointers: ['options.retry'] });
    else if (retry !== undefined && retry.maxRetries === 0) global.push({ description: 'createSdk options set `retry.maxRetries: 0`', pointers: ['options.retry.maxRetries'] });
    return { global };
  },
};
