/** What a test worker (worker.ts) tells the runner (supervise.ts) over IPC, and what the runner concludes. */

/** Why a run is not green, beyond failed assertions: each names the file and, when known, the test. */
export type ProblemKind =
  | 'failed' // a test or hook threw or timed out
  | 'load-error' // the file threw while being imported
  | 'early-exit' // the worker process ended before the file finished
  | 'hung' // the worker stopped answering (event loop blocked) and was killed
  | 'not-run' // tests were registered but fewer started (no .run(), a before hook failed)
  | 'only' // .only in a full run: the other tests silently did not run
  | 'no-tests'; // a test file that registers nothing

export interface Problem {
  readonly kind: ProblemKind;
  readonly file: string;
  /** The test or hook, e.g. `test "suite › name"`, when the problem is about one. */
  readonly label?: string;
  readonly detail: string;
}

/** Totals of one file as uvu counted them. */
export interface FileCounts {
  passed: number;
  failed: number;
  skipped: number;
}

export type WorkerMessage =
  | { readonly type: 'file-start'; readonly file: string }
  | { readonly type: 'timed-start'; readonly kind: 'test' | 'hook'; readonly label: string; readonly limitMs: number }
  | { readonly type: 'timed-end'; readonly kind: 'test' | 'hook'; readonly label: string }
  | { readonly type: 'file-end'; readonly file: string; readonly counts: FileCounts; readonly problems: Problem[] }
  | { readonly type: 'done' };

/** Everything one run found; also what `--report <file>` writes. */
export interface RunOutcome {
  readonly files: string[];
  readonly counts: FileCounts;
  readonly problems: Problem[];
  /** Wall time of each finished file, in run order (the summary lists the slowest). */
  readonly durations: ReadonlyArray<{ readonly file: string; readonly ms: number }>;
}

/** Environment variables shared by the runner, its worker and the tests. */
export const ENV = {
  /** The per-run scratch folder (.tmp/run-<runner pid>); test/helpers/paths.ts reads it. */
  scratch: 'TETHER_TEST_SCRATCH',
  /** Whether `.only` is a failure (full runs) or allowed (a pattern run while developing). */
  forbidOnly: 'TETHER_TEST_FORBID_ONLY',
  /** Extra time the runner waits past a test's own limit before killing a blocked worker. */
  watchdogGraceMs: 'TETHER_TEST_WATCHDOG_GRACE_MS',
} as const;
