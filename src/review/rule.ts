/**
 * The shape of a review rule: an id, why it matters, how to fix it, and a check over the
 * facts. A rule reports hits on operations (the analyser groups them per service), SDK-wide
 * hits (options, servers), and what it could not assess.
 */
import type { FixScope, ReviewInput, ReviewOperation, Severity, VerdictKey } from './types.js';

/** One operation a rule objects to. */
export interface OperationHit {
  readonly operation: ReviewOperation;
  /** Where exactly (defaults to the operation's pointer). */
  readonly pointer?: string;
  /** A short note for this operation, e.g. `no 422`. */
  readonly detail?: string;
  /** Overrides the rule's fix scope for this hit (e.g. a breaking change only for bare arrays). */
  readonly fixScope?: FixScope;
}

/** A problem with the integration as a whole (an option, a server). */
export interface GlobalHit {
  readonly description: string;
  readonly pointers: ReadonlyArray<string>;
}

export interface RuleResult {
  readonly hits?: ReadonlyArray<OperationHit>;
  readonly global?: ReadonlyArray<GlobalHit>;
  /** What the rule needed and did not have, and why. */
  readonly notAssessed?: ReadonlyArray<{ readonly what: string; readonly why: string }>;
}

/** A review rule (one file per rule under rules/). */
export interface Rule {
  /** Stable id, e.g. `idempotency-key`; used in JSON output and docs/review.md. */
  readonly id: string;
  /** The finding's name in the report. */
  readonly title: string;
  /** What goes wrong for the app's users, appended to the operations named. */
  readonly problem: string;
  /** Why a senior mobile backend engineer cares. */
  readonly rationale: string;
  /** The recommendation printed when the rule fires. */
  readonly fix: string;
  readonly severity: Severity;
  readonly fixScope: FixScope;
  /** The verdict lines a finding of this rule turns negative. */
  readonly verdicts: ReadonlyArray<VerdictKey>;
  check(input: ReviewInput): RuleResult;
}

/** Read methods: the ones an app calls most and caches. */
export const isRead = (op: ReviewOperation): boolean => op.method === 'get' || op.method === 'head';

/** Whether the operation needs credentials. */
export const isSecured = (op: ReviewOperation): boolean => op.security.length > 0 && op.security.every((alt) => alt.length > 0);

/**
 * The operation answers with a collection: a bare array, or a page object from a GET on a
 * collection path (not `/orders/{id}`, whose `items` are the order's lines) or from a paginated
 * operation. A resource that merely holds an array is not a list.
 */
export function returnsList(op: ReviewOperation): boolean {
  if (op.list === undefined) return false;
  if (op.list.kind === 'array' || op.paginated) return true;
  return op.method === 'get' && !/\}\/?$/.test(op.path);
}
