/**
 * Which NetworkError types an operation can fail with, for the API reference: the ones its
 * declared error responses map to (through the runtime's own status → type mapping, so the
 * docs cannot drift from what the SDK does), and the ones any call can meet (network,
 * timeout, cancellation, a 5xx from a proxy, a bad answer, input the spec refuses).
 */
import type { OperationModel } from '../codegen/model.js';
import { typeForStatus } from '../../src/errors/create-network-error.js';

/** Each NetworkError type and what it means, in the order apps usually branch. */
export const ERROR_TYPES = {
  CONNECTION: 'the server could not be reached (offline, refused, reset, DNS); retried per the retry policy',
  TIMEOUT: 'no answer within `timeoutMs`; retried per the retry policy',
  CANCELLED: "the caller's own `signal` aborted; never retried",
  UNAUTHORIZED: '401 after the token refresh was tried (the session may have ended)',
  FORBIDDEN: '403',
  NOT_FOUND: '404',
  VALIDATION: '422 (or a 400 naming fields) with `fieldErrors`; also input that breaks the spec, refused before sending (`source: \'client\'`)',
  RATE_LIMITED: '429; `retryAfterMs` from Retry-After',
  CLIENT: 'any other 4xx',
  SERVER: '5xx; retried per the retry policy when the request is safe to repeat',
  UNKNOWN: 'an answer the SDK cannot use (wrong media type, invalid JSON, a body that breaks the spec)',
} as const;

export type ErrorTypeName = keyof typeof ERROR_TYPES;

/** One row of an operation's "fails with" table. */
export interface ErrorRow {
  readonly type: ErrorTypeName;
  readonly when: string;
}

/** The NetworkError types of one operation, with the statuses that lead to each. */
export function errorRows(operation: OperationModel): ErrorRow[] {
  const statuses = new Map<ErrorTypeName, string[]>();
  const add = (type: ErrorTypeName, status: string) => {
    const list = statuses.get(type) ?? [];
    if (!list.includes(status)) list.push(status);
    statuses.set(type, list);
  };
  for (const response of operation.responses) {
    const status = response.status.toUpperCase();
    if (/^[45]\d\d$/.test(status)) add(typeForStatus(Number(status)) as ErrorTypeName, status);
    else if (status === '4XX') add('CLIENT', status);
    else if (status === '5XX') add('SERVER', status);
  }
  const rows: ErrorRow[] = [];
  const declared = (type: ErrorTypeName) => statuses.get(type)?.join(', ');
  const signedIn = operation.security.length > 0 && !operation.security.some((alternative) => alternative.length === 0);
  // Retries (and the wording about them) only where repeating is safe: a keyed or idempotent request.
  const repeatable = operation.idempotent || operation.idempotencyKeyHeader !== undefined;
  const retried = repeatable ? 'retried per the retry policy' : 'never retried: the request is sent once (not safe to repeat)';
  for (const type of Object.keys(ERROR_TYPES) as ErrorTypeName[]) {
    const from = declared(type);
    if (type === 'CONNECTION') rows.push({ type, when: `the server could not be reached (offline, refused, reset, DNS); ${retried}` });
    else if (type === 'TIMEOUT') rows.push({ type, when: `no answer within \`timeoutMs\`; ${retried}` });
    else if (from) rows.push({ type, when: `the server answers ${from}${type === 'VALIDATION' ? ' (`fieldErrors` by field); also input that breaks the spec, refused before sending' : ''}${type === 'SERVER' || type === 'RATE_LIMITED' ? `; ${retried}` : ''}` });
    else if (type === 'CANCELLED') rows.push({ type, when: ERROR_TYPES[type] });
    else if (type === 'UNAUTHORIZED' && signedIn) rows.push({ type, when: 'no session, or the refresh failed (not declared by the spec, but any signed-in call can meet it)' });
    else if (type === 'VALIDATION' && (operation.parameters.length > 0 || operation.requestBody)) rows.push({ type, when: "input that breaks the spec, refused before sending (`source: 'client'`)" });
    else if (type === 'SERVER') rows.push({ type, when: 'a 5xx (not declared by the spec; a proxy or an outage can still answer one)' });
    else if (type === 'UNKNOWN') rows.push({ type, when: ERROR_TYPES.UNKNOWN });
  }
  return rows;
}
