/**
 * The spec's own credential names (API-key headers and query parameters) join the app's
 * `redactHeaders` / `redactQueryParams` before the options are resolved, so the log, the
 * redirect layer (which strips redacted headers on a cross-origin hop and drops copied
 * secret query values) and every other reader of the redaction rules know them without any
 * of them learning about security schemes. Cookie and Authorization are redacted already.
 */
import type { SecuritySchemes } from './security-schemes.js';

interface RedactionNames {
  readonly redactHeaders?: ReadonlyArray<string> | undefined;
  readonly redactQueryParams?: ReadonlyArray<string> | undefined;
}

/** `options` with the schemes' API-key header and query names added to its redaction lists. */
export function withSchemeRedaction<O extends RedactionNames>(options: O, schemes: SecuritySchemes | undefined): O {
  if (schemes === undefined || typeof options !== 'object' || options === null) return options;
  const headers: string[] = [];
  const query: string[] = [];
  for (const scheme of Object.values(schemes)) {
    if (scheme.kind !== 'apiKey') continue;
    if (scheme.in === 'header') headers.push(scheme.name);
    if (scheme.in === 'query') query.push(scheme.name);
  }
  if (headers.length === 0 && query.length === 0) return options;
  // A malformed list is left as it is, so resolving the options still names it.
  return {
    ...options,
    redactHeaders: extend(options.redactHeaders, headers),
    redactQueryParams: extend(options.redactQueryParams, query),
  };
}

function extend(list: ReadonlyArray<string> | undefined, names: ReadonlyArray<string>): ReadonlyArray<string> | undefined {
  if (names.length === 0) return list;
  if (list === undefined) return names;
  return Array.isArray(list) ? [...list, ...names] : list;
}
