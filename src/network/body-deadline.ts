/**
 * The attempt timeout's hold on a response body. `timeoutMs` covers the body too, but
 * re-wrapping every body in a timed stream (and a new Response around it) costs two objects
 * and a copy of each chunk per call. Instead the timeout layer keeps its timer running and
 * leaves this handle on the call's stats; whoever reads the body (service/read-body.ts) hands
 * it the reader to cancel on failure and releases it when the read ends, and whoever throws a response away
 * (retry, redirect, auth) releases it through `releaseBody`. Streamed responses, which the app
 * reads, keep a wrapper instead (timeout.ts), so their timeout can restart on every chunk.
 */
import type { BodyDeadline, CallStats } from './types.js';

export type { BodyDeadline } from './types.js';

const noop = () => {};

/** The running deadline over `response`'s body, if the timeout layer left one. */
export function bodyDeadlineOf(stats: CallStats, response: Response): BodyDeadline | undefined {
  const deadline = stats.bodyDeadline;
  return deadline !== undefined && deadline.response === response ? deadline : undefined;
}

/** Throws away a response nobody will read: cancels its body and stops its body timer. */
export function releaseBody(response: Response, stats: CallStats): void {
  bodyDeadlineOf(stats, response)?.release();
  const body = response.body;
  if (body && !body.locked) body.cancel().catch(noop);
}
