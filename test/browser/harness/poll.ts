/** Waiting for a page's state without a guessed sleep. */
import { TestTimeoutError } from '../../helpers/timed-suite.js';

/**
 * Re-runs `check` (an async probe, usually a page.evaluate) until it holds, or fails naming
 * `what` after `limitMs`. Each round is a DevTools round trip plus a short pause, so the page
 * is not flooded while it works.
 */
export async function eventually(check: () => Promise<boolean>, what: string, limitMs = 15_000): Promise<void> {
  const givenUp = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > givenUp) throw new TestTimeoutError(`${what} did not happen within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
