/** API keys passed in the query string: they land in logs, caches and browser history. */
import { isSecured, type OperationHit, type Rule, type RuleResult } from '../rule.js';
import type { ReviewOperation } from '../types.js';

/** Query parameter names that carry a credential. */
const CREDENTIAL_PARAM = /^(api[-_]?key|apikey|key|token|access[-_]?token|auth|auth[-_]?token|client[-_]?secret|secret|signature|sig)$/i;

/**
 * A live SDK carries no scheme definitions (its auth layer sends bearer tokens in a header), so a
 * query credential can only be a declared query parameter with a credential's name.
 */
function fromQueryParams(operations: ReadonlyArray<ReviewOperation>): RuleResult {
  const hits: OperationHit[] = [];
  let unknown = false;
  for (const operation of operations) {
    if (operation.queryParams === undefined) unknown ||= isSecured(operation);
    const name = operation.queryParams?.find((n) => CREDENTIAL_PARAM.test(n));
    if (name !== undefined) hits.push({ operation, detail: `query parameter ${name}` });
  }
  const notAssessed = unknown ? [{ what: 'where credentials are sent', why: "some secured operations' query parameters are unknown" }] : [];
  return { hits, notAssessed };
}

export const apiKeyInQuery: Rule = {
  id: 'api-key-in-query',
  title: 'API key in the query string',
  problem: 'send their credential in the URL, where proxies, CDN and server access logs, crash reporters and browser history keep it',
  rationale: 'URLs are logged everywhere and never treated as secrets; a key in one is a key leaked. Keys shipped in an app binary are public anyway and must not be the only credential.',
  fix: 'Accept the key in a header (`Authorization` or `X-API-Key`) instead of the query, then remove the query form in the next API version; prefer per-user tokens for user data.',
  severity: 'high',
  fixScope: 'breaking',
  verdicts: ['tokenManagement'],
  check(input) {
    const schemes = input.securitySchemes;
    if (schemes === undefined) return fromQueryParams(input.operations);
    const inQuery = new Map(Object.values(schemes).filter((s) => s.type === 'apiKey' && s.in === 'query').map((s) => [s.name, s]));
    const hits: OperationHit[] = [];
    for (const operation of input.operations) {
      const name = operation.security.flat().find((n) => inQuery.has(n));
      if (name !== undefined) hits.push({ operation, pointer: inQuery.get(name)!.pointer, detail: `scheme ${name}` });
    }
    return { hits };
  },
};
