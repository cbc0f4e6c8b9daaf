/**
 * Checks a record from the network before the app sees it. A key `__proto__`, `constructor` or
 * `prototype` anywhere in it rejects the record: an app that merges records with a deep merge or
 * `Object.assign` would otherwise let the server (or anyone on the path) write into
 * Object.prototype. Rejecting beats dropping the key: a record with a key removed is a record the
 * server never sent. What passes is a fresh deep copy, so nothing the app keeps shares objects
 * with the parsed response. Nesting deeper than MAX_DEPTH rejects the record too: the copy
 * recurses, and a hostile record nested a hundred thousand levels deep would otherwise end the
 * whole run with a RangeError instead of being reported on its own.
 */
import type { RejectedRecord } from './types.js';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
// Far beyond any real record, far below the call stack (about ten thousand frames) of any engine.
export const MAX_DEPTH = 1000;

/** The outcome of checking one record. */
export type Checked = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly rejected: RejectedRecord };

/** Deep-copies plain JSON data, rejecting forbidden keys and anything that is not JSON (functions, class instances, cycles). */
export function sanitizeRecord(input: unknown, id: string | undefined = undefined): Checked {
  const path: Array<string | number> = [];
  const seen = new Set<object>();
  let problem: RejectedRecord | undefined;

  const copy = (value: unknown): unknown => {
    if (problem) return undefined;
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value === 'number') {
      if (Number.isFinite(value)) return value;
      problem = { reason: 'not-an-object', path: [...path], message: 'a number that JSON cannot carry', id };
      return undefined;
    }
    if (typeof value !== 'object') {
      problem = { reason: 'not-an-object', path: [...path], message: `a ${typeof value} is not JSON data`, id };
      return undefined;
    }
    if (path.length >= MAX_DEPTH) {
      problem = { reason: 'too-deep', path: path.slice(0, 8), message: `nested deeper than ${MAX_DEPTH} levels`, id };
      return undefined;
    }
    if (seen.has(value)) {
      problem = { reason: 'not-an-object', path: [...path], message: 'a cycle is not JSON data', id };
      return undefined;
    }
    seen.add(value);
    let out: unknown;
    if (Array.isArray(value)) {
      const list: unknown[] = [];
      for (let i = 0; i < value.length && !problem; i++) {
        path.push(i);
        list.push(copy(value[i]));
        path.pop();
      }
      out = list;
    } else {
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        problem = { reason: 'not-an-object', path: [...path], message: 'only plain objects are JSON data', id };
        return undefined;
      }
      const target: Record<string, unknown> = {};
      // Own keys only (Reflect.ownKeys sees a JSON.parse'd "__proto__", which for…in also would,
      // but Object.keys on a literal built with a __proto__ setter would not).
      for (const key of Reflect.ownKeys(value)) {
        if (typeof key !== 'string') continue;
        if (FORBIDDEN.has(key)) {
          problem = { reason: 'forbidden-key', path: [...path, key], message: `the key "${key}" is refused (prototype pollution)`, id };
          break;
        }
        path.push(key);
        // defineProperty, never assignment: even an unforeseen key cannot reach a setter.
        Object.defineProperty(target, key, { value: copy((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
        path.pop();
      }
      out = target;
    }
    seen.delete(value);
    return out;
  };

  const value = copy(input);
  return problem ? { ok: false, rejected: problem } : { ok: true, value };
}

/** True when `value` is a non-array object (what every record must be). */
export function isRecordObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
