/**
 * What the integration review reads and what it reports. The facts are plain data, built either
 * from a spec file (scripts/review/spec-facts.ts) or from a live SDK (sdk-facts.ts), so the same
 * rules judge both. A fact the source cannot know is `undefined`, never guessed: rules turn an
 * unknown that matters into a "not assessed" entry, which makes the production risk HIGH.
 */
import type { HttpMethod } from '../contract/operation.js';

/** The shape of the success body, as far as the review needs it. */
export interface ListShape {
  /** `array`: the body is the list; `wrapped`: an object holding it in `field`. */
  readonly kind: 'array' | 'wrapped';
  readonly field: string | undefined;
  /** The list declares `maxItems`. */
  readonly bounded: boolean;
  /** Where the list's schema is, e.g. `#/components/schemas/OrderPage/properties/items`. */
  readonly pointer: string;
}

/** One operation as the review sees it. */
export interface ReviewOperation {
  /** The SDK expression that calls it, e.g. `sdk.orders.createOrder`. */
  readonly sdkName: string;
  /** The service key on the SDK object, e.g. `orders`. */
  readonly service: string;
  readonly method: HttpMethod;
  readonly path: string;
  /** JSON pointer of the operation object, e.g. `#/paths/~1orders/post`. */
  readonly pointer: string;
  readonly operationId: string | undefined;
  /** Repeating it is safe by HTTP semantics (or `x-tether-idempotent`). */
  readonly idempotent: boolean;
  readonly idempotencyKeyHeader: string | undefined;
  /** Alternatives of security scheme names; `[]` = anonymous. */
  readonly security: ReadonlyArray<ReadonlyArray<string>>;
  readonly successStatuses: ReadonlyArray<string>;
  /** Non-2xx statuses declared, each with whether it has a body schema. */
  readonly errorResponses: ReadonlyArray<{ readonly status: string; readonly schema: boolean }>;
  /** Whether the 429 response declares Retry-After; undefined when unknown or no 429. */
  readonly retryAfterDeclared: boolean | undefined;
  readonly paginated: boolean;
  /** The success body's list, if it is or holds one; undefined = no list (or unknown). */
  readonly list: ListShape | undefined;
  /** Query parameter names; undefined when the source does not say. */
  readonly queryParams: ReadonlyArray<string> | undefined;
  /** A GET/HEAD whose success response declares ETag or Cache-Control. */
  readonly cacheable: boolean;
  readonly responseKind: 'json' | 'text' | 'stream' | 'blob' | 'none';
  readonly authRole: 'login' | 'refresh' | 'logout' | undefined;
  /** The operation has no tag of its own (the SDK puts it under `default`). */
  readonly untagged: boolean | undefined;
}

/** A security scheme, reduced to what the rules judge. */
export interface ReviewSecurityScheme {
  readonly name: string;
  readonly type: string;
  /** `bearer`, `basic`… for `http` schemes. */
  readonly scheme: string | undefined;
  /** `header`, `query` or `cookie` for `apiKey` schemes. */
  readonly in: string | undefined;
  readonly pointer: string;
}

/** Where tokens live: `memory` (lost on restart), `plaintext` (AsyncStorage, localStorage), `secure` (Keychain/Keystore). */
export type TokenStorage = 'memory' | 'plaintext' | 'secure';

/** The app's createSdk options, reduced to what the rules judge; `undefined` fields were not given. */
export interface ReviewedOptions {
  readonly baseUrl: string | undefined;
  readonly timeoutMs: number | undefined;
  readonly deadlineMs: number | undefined;
  readonly retry: false | { readonly maxRetries?: number | undefined } | undefined;
  readonly validate: 'strict' | 'warn' | 'off' | undefined;
  readonly allowInsecureHttp: boolean | undefined;
  /** `auth` was passed (a token store is configured). */
  readonly auth: boolean;
  /** `auth.refresh` was passed (the app refreshes tokens itself). */
  readonly authRefresh: boolean;
  /** Where the token store keeps tokens; undefined when it cannot be told. */
  readonly tokenStorage: TokenStorage | undefined;
  /** Statically configured `Authorization` header (a long-lived credential baked into the app). */
  readonly staticAuthorization: boolean;
  /** `cache` was passed and is not `false` (the SDK's HTTP cache is on). */
  readonly cache: boolean;
  /** `offline` was passed and is not `false` (a queue for mutations made offline). */
  readonly offline: boolean;
}

/** The platform the app runs on; a token store is judged against it. */
export type ReviewPlatform = 'mobile' | 'web' | 'server';

/** Everything the rules read. */
export interface ReviewInput {
  /** The spec file, or a description of the live SDK. */
  readonly file: string;
  /** Servers declared by the spec; undefined when the source does not say (a live SDK). */
  readonly servers: ReadonlyArray<{ readonly url: string; readonly pointer: string }> | undefined;
  /** Security schemes by name; undefined when the source does not say (a live SDK). */
  readonly securitySchemes: Readonly<Record<string, ReviewSecurityScheme>> | undefined;
  readonly operations: ReadonlyArray<ReviewOperation>;
  /** The app's options; undefined when none were given (the SDK defaults are assumed). */
  readonly options: ReviewedOptions | undefined;
  readonly platform: ReviewPlatform;
}

/** What fixing a finding takes; decides rollback complexity. */
export type FixScope = 'client' | 'server' | 'breaking';

export type Severity = 'low' | 'medium' | 'high';

/** The verdict lines of the report; a rule names the ones its findings turn negative. */
export type VerdictKey =
  | 'layerSeparation'
  | 'errorHandling'
  | 'retryStrategy'
  | 'caching'
  | 'timeoutConfigured'
  | 'retryLogic'
  | 'offlineSupport'
  | 'errorRecovery'
  | 'tokenManagement'
  | 'dataInTransit';

/** One problem a rule found. */
export interface Finding {
  readonly rule: string;
  readonly title: string;
  readonly description: string;
  /** SDK names of the operations concerned (empty for SDK-wide findings). */
  readonly operations: ReadonlyArray<string>;
  readonly pointers: ReadonlyArray<string>;
  readonly severity: Severity;
  readonly fixScope: FixScope;
  readonly verdicts: ReadonlyArray<VerdictKey>;
  /** The whole integration (options, servers), not particular operations. */
  readonly global: boolean;
  readonly fix: string;
}

/** Something a rule needed and did not have. */
export interface NotAssessed {
  readonly rule: string;
  readonly what: string;
  readonly why: string;
  readonly verdicts: ReadonlyArray<VerdictKey>;
}

/** The report for one service (tag). */
export interface ServiceReport {
  readonly file: string;
  readonly service: string;
  readonly architecture: {
    readonly layerSeparation: 'GOOD' | 'NEEDS WORK';
    readonly errorHandling: 'GOOD' | 'NEEDS WORK';
    readonly retryStrategy: 'IMPLEMENTED' | 'MISSING';
    readonly caching: 'IMPLEMENTED' | 'MISSING';
  };
  readonly reliability: {
    readonly timeoutConfigured: 'YES' | 'NO';
    readonly retryLogic: 'YES' | 'NO';
    readonly offlineSupport: 'YES' | 'NO';
    readonly errorRecovery: 'ADEQUATE' | 'INADEQUATE';
  };
  readonly security: {
    readonly tokenManagement: 'SECURE' | 'INSECURE';
    readonly dataInTransit: 'ENCRYPTED' | 'EXPOSED';
  };
  readonly issues: ReadonlyArray<Finding>;
  readonly notAssessed: ReadonlyArray<NotAssessed>;
  readonly recommendations: ReadonlyArray<string>;
  readonly risk: {
    readonly productionRisk: 'LOW' | 'MEDIUM' | 'HIGH';
    readonly userImpact: 'LOCAL' | 'PARTIAL' | 'SYSTEMIC';
    readonly rollbackComplexity: 'EASY' | 'MODERATE' | 'HARD';
  };
}
