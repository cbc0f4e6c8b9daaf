/**
 * One attempt's timer and abort wiring: one AbortController, one setTimeout and one listener on
 * the caller's signal, rather than AbortSignal.any/AbortSignal.timeout (Hermes lacks both, and a
 * timeout signal's timer cannot be cleared). It is the timeout layer's state while headers are
 * awaited (raced) and, once they are in, the `BodyDeadline` that cancels the body's reader when
 * the attempt fails, so a read loop adds no reactions per chunk.
 */
import { createNetworkError } from '../errors/create-network-error.js';
import type { NetworkError } from '../errors/network-error.js';
import type { BodyDeadline, RequestContext } from './types.js';

/** Timer functions, injectable so tests and hosts can substitute their own clock. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const noop = () => {};

/** The running deadline of one attempt (headers, then body). */
export class AttemptDeadline implements BodyDeadline {
  /** Aborted with the attempt's NetworkError when it fails; handed to the transport. */
  readonly controller = new AbortController();
  failure: NetworkError | undefined;
  /** Set once headers are in: errors then carry the status and the server's request id. */
  response!: Response;
  private timer: unknown;
  // Once released, a late chunk of a cancelled stream must not start the timer again.
  private released = false;
  private waiter: ((error: NetworkError) => void) | undefined;
  // The body's reader, cancelled on failure (see watch).
  private reader: { cancel(reason?: unknown): Promise<void> } | undefined;
  /** Extra work on failure (the stream wrapper erroring its stream). */
  onFail: ((error: NetworkError) => void) | undefined;
  private readonly onTimeout = () => this.fail('timeout');
  // Made only when the caller passed a signal (most calls pass none).
  private onCallerAbort: (() => void) | undefined;

  constructor(
    private readonly method: string,
    private readonly url: string,
    private readonly context: RequestContext,
    private readonly timers: Timers,
  ) {
    const caller = context.signal;
    if (caller !== undefined) {
      this.onCallerAbort = () => this.fail('cancelled', caller.reason);
      caller.addEventListener('abort', this.onCallerAbort, { once: true });
    }
    this.arm();
  }

  /** (Re)starts the timer: once per attempt, and per chunk of a stream (an idle timeout). */
  arm(): void {
    if (this.released) return;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(this.onTimeout, this.context.options.timeoutMs);
  }

  /** The attempt's error for `reason`, naming what is known so far. */
  error(reason: 'timeout' | 'cancelled', cause?: unknown): NetworkError {
    const { context } = this;
    return createNetworkError({
      method: this.method,
      url: this.url,
      attempts: context.stats.attempts,
      response: this.response as Response | undefined,
      reason,
      cause,
      timeoutMs: context.options.timeoutMs,
      requestId: context.stats.requestId,
    });
  }

  /** Ends the attempt: aborts the transport, wakes whoever waits, cancels an unread body. */
  fail(reason: 'timeout' | 'cancelled', cause?: unknown): void {
    if (this.failure) return;
    const error = this.error(reason, cause);
    this.failure = error;
    this.release();
    this.controller.abort(error);
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.(error);
    this.onFail?.(error);
    this.reader?.cancel(error).catch(noop);
    // Nobody is reading (a reader would have been woken above and cancels its own lock):
    // release the connection now rather than leave the download running.
    const body = (this.response as Response | undefined)?.body;
    if (body && !body.locked) body.cancel(error).catch(noop);
  }

  race<T>(pending: Promise<T>): Promise<T> {
    if (this.failure) {
      pending.catch(noop);
      return Promise.reject(this.failure);
    }
    return new Promise<T>((resolve, reject) => {
      this.waiter = reject;
      pending.then(
        (value) => {
          if (this.waiter === reject) this.waiter = undefined;
          resolve(value);
        },
        (error: unknown) => {
          if (this.waiter === reject) this.waiter = undefined;
          // An abort we caused surfaces from the transport as its own error: report ours.
          reject(this.failure ?? error);
        },
      );
    });
  }

  watch(reader: { cancel(reason?: unknown): Promise<void> }): void {
    this.reader = reader;
  }

  release(): void {
    this.released = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.onCallerAbort !== undefined) this.context.signal?.removeEventListener('abort', this.onCallerAbort);
    if (this.context.stats.bodyDeadline === this) this.context.stats.bodyDeadline = undefined;
  }
}
