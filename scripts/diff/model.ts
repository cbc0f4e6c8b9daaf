/**
 * The breaking-change report's vocabulary: one `Change` per difference between two specs,
 * classified for SDK users (the app's code against a regenerated SDK, and apps already shipped
 * with the old SDK against the new server: a change is breaking when either one breaks).
 */

/** Which way data flows through the SDK: the app writes requests and reads responses. */
export type Direction = 'request' | 'response';

/** Stable ids of the rules, so tools can filter a report without reading its text. */
export type RuleId =
  | 'operation-removed'
  | 'operation-added'
  | 'operation-renamed'
  | 'operation-moved'
  | 'operation-deprecated'
  | 'parameter-removed'
  | 'parameter-added'
  | 'parameter-required'
  | 'parameter-location'
  | 'parameter-style'
  | 'parameter-deprecated'
  | 'request-body'
  | 'content-type'
  | 'status-code'
  | 'field-removed'
  | 'field-added'
  | 'field-renamed'
  | 'field-required'
  | 'type-changed'
  | 'nullable'
  | 'enum-narrowed'
  | 'enum-widened'
  | 'format-changed'
  | 'constraint'
  | 'variant-removed'
  | 'variant-added'
  | 'security'
  | 'security-scheme'
  | 'server'
  | 'read-write'
  | 'additional-properties'
  | 'discriminator'
  | 'response-header'
  | 'webhook-removed'
  | 'webhook-added';

/** One difference between the old and the new spec. */
export interface Change {
  readonly breaking: boolean;
  readonly rule: RuleId;
  /** What changed, in SDK terms: `sdk.orders.getOrder`, `Order.status`, `server`. */
  readonly subject: string;
  /** What happened to it, and why it matters when it breaks. */
  readonly message: string;
  /** SDK methods affected (`sdk.<service>.<method>`), sorted; empty for document-wide changes. */
  readonly operations: readonly string[];
  /** JSON pointer into the old spec; undefined when the thing is new. */
  readonly oldPointer: string | undefined;
  /** JSON pointer into the new spec; undefined when the thing is gone. */
  readonly newPointer: string | undefined;
  /** Set on schema changes: whether they were found in what the app sends or what it reads. */
  readonly direction: Direction | undefined;
}

/** The whole comparison. */
export interface DiffReport {
  readonly oldSource: string;
  readonly newSource: string;
  readonly changes: readonly Change[];
  readonly breaking: number;
  readonly nonBreaking: number;
}

/** A change as a rule reports it, before operations are merged in. */
export type Finding = Omit<Change, 'operations'>;
