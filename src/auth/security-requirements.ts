/**
 * Which of an operation's security requirements a request satisfies. OpenAPI lists
 * alternatives (`security: [A, B]`: either will do); each alternative names schemes that must
 * all be sent together (`{ A, B }`); `{}` is anonymous access and `security: []` none at all.
 *
 * The rule: the first alternative, in the spec's order, whose every scheme the app can supply;
 * failing that, the first whose missing schemes are ones the SDK cannot or need not insist on
 * (a token before sign-in, which the server answers with 401 as it always has; a client
 * certificate; digest); failing that, nothing is sent and the call is the app's mistake.
 *
 * @see https://spec.openapis.org/oas/v3.1.0#security-requirement-object
 */
import type { SecurityScheme, SecuritySchemes } from './security-schemes.js';

/** Whether the app can supply one scheme for this request. */
export type Availability = 'provided' | 'optional' | 'missing';

/** A scheme of the chosen alternative, with its definition (undefined: not in the spec). */
export interface SchemeUse {
  readonly name: string;
  readonly scheme: SecurityScheme | undefined;
  readonly availability: Availability;
}

/** The outcome: the alternative to send, or the alternatives that could not be met. */
export type Selection =
  | { readonly ok: true; readonly uses: ReadonlyArray<SchemeUse> }
  | { readonly ok: false; readonly unmet: ReadonlyArray<ReadonlyArray<SchemeUse>> };

const NOTHING: Selection = Object.freeze({ ok: true, uses: Object.freeze([]) });

/** Picks the alternative of `security` to send, asking `availability` about each scheme. */
export function selectRequirement(
  security: ReadonlyArray<ReadonlyArray<string>>,
  schemes: SecuritySchemes,
  availability: (name: string, scheme: SecurityScheme | undefined) => Availability,
): Selection {
  if (security.length === 0) return NOTHING;
  const judged = security.map((alternative) =>
    alternative.map((name): SchemeUse => {
      const scheme = Object.prototype.hasOwnProperty.call(schemes, name) ? schemes[name] : undefined;
      return { name, scheme, availability: availability(name, scheme) };
    }),
  );
  const complete = judged.find((uses) => uses.every((use) => use.availability === 'provided'));
  if (complete) return { ok: true, uses: complete };
  const acceptable = judged.find((uses) => uses.every((use) => use.availability !== 'missing'));
  if (acceptable) return { ok: true, uses: acceptable };
  return { ok: false, unmet: judged };
}
