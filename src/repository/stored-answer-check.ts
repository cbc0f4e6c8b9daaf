/**
 * Whether a stored answer may still be served to an operation: under `validate: 'strict'` its
 * JSON body must match the operation's response schema, as a downloaded one must. A stored
 * copy that does not (written by an older app version whose spec differed, or a tampered
 * store) is not the server's current answer, so failing the call with UNKNOWN would blame the
 * server for the cache's leftovers: the strategy drops it and asks the network instead, whose
 * answer is then validated as usual (only a network answer that fails rejects).
 */
import type { OperationMeta } from '../contract/operation.js';
import { issuesOf, isThenable, responseSchema, type ValidateMode } from '../service/validate.js';
import type { HttpExchangeResponse } from './cache/types.js';

/**
 * The check for one call, or undefined when nothing is checked ('warn' and 'off' pass a
 * mismatching answer through anyway, so a stored one is as good as a downloaded one).
 * `passed` remembers, per operation, the stored answers (the memory tier's own objects) already
 * found valid, so repeated memory hits are not parsed and checked again; a revalidated or
 * re-read entry is a new object and is checked once more. Weak: nothing is kept alive by it.
 */
export function storedAnswerCheck(meta: OperationMeta, mode: ValidateMode, url: string, passed: WeakMap<OperationMeta, WeakSet<HttpExchangeResponse>>): ((stored: HttpExchangeResponse) => boolean | Promise<boolean>) | undefined {
  if (mode !== 'strict' || meta.responseKind !== 'json') return undefined;
  return (stored) => {
    // Error answers are not checked against a schema by the runner either.
    if (stored.status < 200 || stored.status > 299) return true;
    const type = stored.headers['content-type'];
    if (type !== undefined && !/json/i.test(type)) return true; // the runner reports a wrong kind itself
    if (stored.body.trim() === '') return true;
    // An entry that passed once is not checked again (nor its URL parsed) on later hits.
    const seen = passed.get(meta);
    if (seen?.has(stored)) return true;
    // A sparse fieldset (`fields`) has no schema; the runner reads the call's query the same way.
    const schema = responseSchema(meta, stored.status, fieldsQuery(url));
    let data: unknown;
    try {
      data = JSON.parse(stored.body);
    } catch {
      return false; // unparseable bodies are never stored: this one was damaged since
    }
    if (schema === undefined) return true;
    const remember = (issues: unknown[] | undefined) => {
      if (issues !== undefined) return false;
      if (seen === undefined) passed.set(meta, new WeakSet([stored]));
      else seen.add(stored);
      return true;
    };
    let found: ReturnType<typeof issuesOf>;
    try {
      found = issuesOf(schema, data);
    } catch {
      return false; // a validator that throws (nested too deeply) refuses it: fetched again
    }
    return isThenable(found) ? found.then(remember, () => false) : remember(found);
  };
}

/** `{ fields }` when the URL asks for a sparse fieldset, else undefined (responseSchema's only question). */
function fieldsQuery(url: string): Record<string, unknown> | undefined {
  try {
    const fields = new URL(url).searchParams.get('fields');
    return fields === null ? undefined : { fields };
  } catch {
    return undefined;
  }
}
