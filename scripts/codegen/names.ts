/**
 * Turns spec names (operationIds, tags, schema names) into identifiers that read naturally:
 * `get-order` → `getOrder`, `Order Items` → `orderItems`, `2fa` → `_2fa`, `delete` → `delete_`.
 */

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments eval undefined NaN Infinity'
  ).split(' '),
);

/** Splits a name into words at separators, case changes and letter/digit boundaries. */
export function words(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();

/** `list-orders` → `listOrders`; always a valid, non-reserved identifier. */
export function camelCase(name: string, fallback = 'operation'): string {
  return safeIdentifier(camelProperty(name, fallback));
}

/**
 * Like camelCase, for names only ever used after a dot (`sdk.users.delete`): reserved words
 * are valid property names there, so they are kept as they read.
 */
export function camelProperty(name: string, fallback = 'operation'): string {
  const parts = words(name);
  if (parts.length === 0) return fallback;
  const [first, ...rest] = parts;
  const joined = first!.toLowerCase() + rest.map(cap).join('');
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

/** `order-item` → `OrderItem`; always a valid, non-reserved identifier. */
export function pascalCase(name: string, fallback = 'Type'): string {
  const parts = words(name);
  if (parts.length === 0) return fallback;
  return safeIdentifier(parts.map(cap).join(''));
}

/** Makes a word usable as an identifier: leading digits get `_`, reserved words a trailing `_`. */
export function safeIdentifier(name: string): string {
  let out = name.replace(/[^A-Za-z0-9_$]/g, '_');
  if (/^[0-9]/.test(out)) out = `_${out}`;
  if (RESERVED.has(out)) out = `${out}_`;
  return out || '_';
}

/** Hands out unique names: the second `foo` becomes `foo2`, then `foo3`. Deterministic in call order. */
export class NameScope {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.taken.add(name);
  }

  has(name: string): boolean {
    return this.taken.has(name);
  }

  /** Claims `name`, or the first free `name<N>`. */
  claim(name: string): string {
    let candidate = name;
    for (let n = 2; this.taken.has(candidate); n++) candidate = `${name}${n}`;
    this.taken.add(candidate);
    return candidate;
  }
}
