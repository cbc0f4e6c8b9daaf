/**
 * How long the server asked us to wait, from `retry-after-ms` (milliseconds, used by some
 * gateways for sub-second hints) or `Retry-After` (RFC 9110 §10.2.3: delay-seconds or an
 * HTTP-date). Anything malformed is undefined, never a guess: `Date.parse` alone would read
 * "1.5" as 5 January 2001, so a date must first look like one of the three HTTP-date forms.
 * No cap here: this reports what the server said; the retry policy decides how much to obey.
 */

const DELAY_SECONDS = /^\d+$/;
const MILLISECONDS = /^\d+(?:\.\d+)?$/;
// IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") and obsolete RFC 850 ("Sunday, 06-Nov-94 …").
const GMT_DATE = /^[A-Za-z]{3,9}, \d{1,2}[ -][A-Za-z]{3}[ -]\d{2,4} \d{2}:\d{2}:\d{2} GMT$/;
// Obsolete asctime ("Sun Nov  6 08:49:37 1994"): no zone, but RFC 9110 says it is UTC.
const ASCTIME = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/** Milliseconds to wait per the response headers, or undefined when absent or malformed. */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms')?.trim();
  if (ms !== undefined && MILLISECONDS.test(ms)) return Number(ms);

  const value = headers.get('retry-after')?.trim();
  if (value === undefined) return undefined;
  if (DELAY_SECONDS.test(value)) return Number(value) * 1000;

  let date = Number.NaN;
  if (GMT_DATE.test(value)) date = Date.parse(value);
  else if (ASCTIME.test(value)) date = Date.parse(`${value} GMT`);
  if (Number.isNaN(date)) return undefined;
  // A date in the past means "now", not a negative wait.
  return Math.max(0, date - now);
}
