/** JSON pointer resolution within one document (RFC 6901), shared by the loader and the model. */
import { unescapePointer } from './spec-error.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Resolves a local JSON pointer (`#/a/b`) against the document; undefined when it does not resolve. */
export function resolvePointer(document: unknown, ref: string): unknown {
  if (ref === '#') return document;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    let key: string;
    try {
      key = unescapePointer(decodeURIComponent(raw));
    } catch {
      return undefined; // a malformed %-escape resolves to nothing, reported by the caller
    }
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Follows `$ref` chains (cycle-safe) and returns the target with its pointer. */
export function deref(document: Obj, node: unknown, pointer: string): { node: unknown; pointer: string } {
  const seen = new Set<string>();
  let current = node;
  let where = pointer;
  while (isObj(current) && typeof current.$ref === 'string' && !seen.has(current.$ref)) {
    seen.add(current.$ref);
    where = current.$ref;
    current = resolvePointer(document, current.$ref);
  }
  return { node: current, pointer: where };
}

