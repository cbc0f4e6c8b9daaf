/**
 * The parsed document, indexed for `$ref` lookups. Every lookup is cached: the GitHub spec has
 * ~4,000 references to ~900 component schemas.
 *
 * @see https://spec.openapis.org/oas/v3.1.0#reference-object
 * @see https://www.rfc-editor.org/rfc/rfc6901 (JSON Pointer, `~0` / `~1` escapes)
 */
import type { Pointer } from '../model.js';

export interface Resolved {
  node: unknown;
  /** Canonical pointer of the target (`#/a/b~1c`). */
  pointer: Pointer;
  /** The component schema name when the target is exactly `#/components/schemas/<name>`. */
  component: string | undefined;
}

export const escapeToken = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapeToken = (token: string): string => token.replace(/~1/g, '/').replace(/~0/g, '~');

/** `child('#/a', 'b/c')` → `#/a/b~1c`. */
export const child = (pointer: Pointer, ...tokens: Array<string | number>): Pointer =>
  tokens.reduce<string>((acc, token) => `${acc}/${escapeToken(String(token))}`, pointer);

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export class DocumentIndex {
  /** `components.schemas`, or an empty object when the document has none. */
  readonly schemas: Record<string, unknown>;
  private readonly cache = new Map<string, Resolved | undefined>();

  constructor(readonly document: Record<string, unknown>) {
    const components = document['components'];
    const schemas = isRecord(components) ? components['schemas'] : undefined;
    this.schemas = isRecord(schemas) ? schemas : {};
  }

  static componentPointer(name: string): Pointer {
    return child('#/components/schemas', name);
  }

  /** Resolves an internal reference (`#/…`); anything else, or a missing target, is undefined. */
  resolve(ref: string): Resolved | undefined {
    if (this.cache.has(ref)) return this.cache.get(ref);
    const resolved = this.lookup(ref);
    this.cache.set(ref, resolved);
    return resolved;
  }

  private lookup(ref: string): Resolved | undefined {
    if (!ref.startsWith('#')) return undefined;
    const body = ref.slice(1);
    if (body !== '' && !body.startsWith('/')) return undefined;
    const rawTokens = body === '' ? [] : body.slice(1).split('/');
    let node: unknown = this.document;
    const tokens: string[] = [];
    for (const raw of rawTokens) {
      const token = stepInto(node, raw);
      if (token === undefined) return undefined;
      node = (node as Record<string, unknown>)[token];
      tokens.push(token);
    }
    const component =
      tokens.length === 3 && tokens[0] === 'components' && tokens[1] === 'schemas' ? tokens[2] : undefined;
    return { node, pointer: child('#', ...tokens), component };
  }
}

/**
 * The key `raw` names inside `node`: the pointer token unescaped, or (a URI fragment may be
 * percent-encoded, as in `%7Bid%7D`) the percent-decoded form when only that one exists.
 */
function stepInto(node: unknown, raw: string): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(node, key);
  const plain = unescapeToken(raw);
  if (has(plain)) return plain;
  let decoded: string;
  try {
    decoded = unescapeToken(decodeURIComponent(raw));
  } catch {
    return undefined;
  }
  return has(decoded) ? decoded : undefined;
}
