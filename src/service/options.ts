/**
 * The service layer's options: static headers, idempotency keys, validation and how 400/422
 * bodies are read. Validated and defaulted once, with the reason for each default. `CallOptions`
 * (the second argument of every generated method) is the network's per-call options plus the
 * service's own.
 */
import { defaultValidationErrorMapper, type ValidationErrorMapper } from '../errors/field-errors.js';
import type { NetworkCallOptions } from '../network/options.js';
import type { DeprecationHandler } from './deprecation.js';
import type { IdempotencyMode } from './idempotency.js';
import { isSendableHeaderValue } from './request-checks.js';
import { resolveValidateMode, type ValidateMode } from './validate.js';

/** The service layer's part of `SdkOptions`. */
export interface ServiceOptions {
  /** Static headers sent with every request (per-call headers override them). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** 'auto': keys for operations declaring an idempotency header; 'always': every POST/PATCH. */
  readonly idempotency?: IdempotencyMode | undefined;
  /** Runtime validation of requests and responses against the spec (docs/errors.md). */
  readonly validate?: ValidateMode | undefined;
  /**
   * Reads your server's 400/422 bodies into issues; return undefined to fall back to the
   * built-in mapper (RFC 9457, Pydantic, Rails/Laravel, JSON:API, `{ message }`).
   */
  readonly validationErrorMapper?: ValidationErrorMapper | undefined;
  /**
   * Called once per operation per SDK instance when the server marks it deprecated (RFC 9745
   * `Deprecation`, RFC 8594 `Sunset`); default: one `warn` line on the logger naming it.
   */
  readonly onDeprecation?: DeprecationHandler | undefined;
}

/** Options for one call: the second argument of every generated method. */
export interface CallOptions extends NetworkCallOptions {
  /** Overrides the SDK's validate mode for this call. */
  readonly validate?: ValidateMode | undefined;
}

/** ServiceOptions after validation, with defaults applied. */
export interface ResolvedServiceOptions {
  readonly headers: Readonly<Record<string, string>>;
  readonly idempotency: IdempotencyMode;
  readonly validate: ValidateMode;
  /** The app's mapper first, then the built-in one (empty: built-in only). */
  readonly validationMappers: ReadonlyArray<ValidationErrorMapper> | undefined;
  /** The app's handler; undefined means the default warning (service/deprecation.ts). */
  readonly onDeprecation: DeprecationHandler | undefined;
}

export const SERVICE_DEFAULTS = Object.freeze({
  // Keys only where the spec declares the header: a server that ignores unknown headers
  // would otherwise make a keyed POST look safe to retry when it is not.
  idempotency: 'auto' as IdempotencyMode,
  // The SDK is regenerated with the spec it talks to, so a mismatch is a real bug: wrong input
  // is refused before it costs a round trip, and a wrong response fails at the SDK boundary
  // naming the field, not later as `undefined` in a screen. Response schemas are loose (extra
  // fields pass), so additive server changes do not trip it; apps that prefer degraded data to
  // an error in production set 'warn'.
  validate: 'strict' as ValidateMode,
});

/** Validates the service options and applies defaults; throws a TypeError naming the bad option. */
export function resolveServiceOptions(options: ServiceOptions): ResolvedServiceOptions {
  return {
    headers: resolveHeaders(options.headers),
    idempotency: resolveIdempotency(options.idempotency),
    validate: resolveValidateMode(options.validate, SERVICE_DEFAULTS.validate),
    validationMappers: resolveValidationMapper(options.validationErrorMapper),
    onDeprecation: resolveOnDeprecation(options.onDeprecation),
  };
}

function resolveHeaders(value: unknown): Readonly<Record<string, string>> {
  if (value === undefined) return Object.freeze({});
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('Tether: options.headers must be an object of header name → string value');
  }
  const out: Record<string, string> = {};
  for (const [name, headerValue] of Object.entries(value)) {
    if (typeof headerValue !== 'string') {
      throw new TypeError(`Tether: options.headers["${name}"] must be a string`);
    }
    try {
      new Headers([[name, headerValue]]); // rejects invalid names and values the way fetch would
      // Stricter than Headers, which lets CR/LF through inside a value: header injection.
      if (!isSendableHeaderValue(headerValue)) throw new TypeError('unsendable');
    } catch {
      throw new TypeError(`Tether: options.headers["${name}"] is not a valid HTTP header`);
    }
    out[name] = headerValue;
  }
  return Object.freeze(out);
}

function resolveIdempotency(value: unknown): IdempotencyMode {
  if (value === undefined) return SERVICE_DEFAULTS.idempotency;
  if (value !== 'auto' && value !== 'always') {
    throw new TypeError(`Tether: options.idempotency must be 'auto' or 'always'`);
  }
  return value;
}

function resolveValidationMapper(value: unknown): ReadonlyArray<ValidationErrorMapper> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') {
    throw new TypeError('Tether: options.validationErrorMapper must be a function (data, response) => issues | undefined');
  }
  return Object.freeze([value as ValidationErrorMapper, defaultValidationErrorMapper]);
}

function resolveOnDeprecation(value: unknown): DeprecationHandler | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') throw new TypeError('Tether: options.onDeprecation must be a function (notice) => void');
  return value as DeprecationHandler;
}
