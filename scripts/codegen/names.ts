/**
 * Turns spec names (operationIds, tags, schema names) into identifiers that read naturally:
 * `get-order` → `getOrder`, `Order Items` → `orderItems`, `2fa` → `_2fa`, `delete` → `delete_`.
 *
 * Two kinds of places hold a generated name, and each has its own hazards:
 * - bindings (`export const x`, type names): must not be a JS/TS reserved word, nor a name the
 *   TypeScript compiler reserves at module scope (`require`, `exports`, … under CommonJS);
 * - members (`sdk.<service>`, `sdk.<service>.<method>`): any word is a valid property name, but
 *   a member can still change what the object means — `then` makes it a thenable (`await
 *   sdk.orders` never settles), `__proto__` replaces its prototype in an object literal, and
 *   `constructor`/`toString`/`hasOwnProperty`/`call`/`length`… shadow what generic code
 *   (loggers, devtools, duck-typing checks, `Array.from`) expects an object or function to have.
 * A hazardous name gets a trailing `_` (`then` → `then_`), the same rule bindings follow.
 */

/** Reserved words of JavaScript (strict mode, modules) plus globals no binding should shadow. */
const JS_RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments eval undefined NaN Infinity ' +
    'globalThis'
  ).split(' '),
);

/**
 * Names TypeScript refuses as a type name (TS2427/TS2457) or reserves at a module's top level
 * (TS2441/TS2529: `require`, `exports`, `module` under CommonJS output; `Promise` with async code).
 */
const TS_RESERVED = new Set(
  'any boolean number string symbol never unknown object bigint type require exports module __filename __dirname Promise Object Symbol'.split(' '),
);

/** Own members of `Object.prototype` (ES2024 + Annex B). */
const OBJECT_PROTOTYPE = [
  'constructor', '__proto__', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
  'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toString', 'toLocaleString', 'valueOf',
];
/** Own members of `Function.prototype` and of every function (`name`, `length`, `prototype`). */
const FUNCTION_PROTOTYPE = ['call', 'apply', 'bind', 'name', 'length', 'prototype', 'caller', 'arguments'];
/** The Promise protocol: an object with a callable `then` is adopted by `await`. */
const PROMISE_PROTOCOL = ['then', 'catch', 'finally'];

const MEMBER_HAZARDS = new Set([...OBJECT_PROTOTYPE, ...FUNCTION_PROTOTYPE, ...PROMISE_PROTOCOL]);

/** Why a member name is unsafe, or undefined when it is safe as an object key. */
export function memberHazard(name: string): string | undefined {
  if (PROMISE_PROTOCOL.includes(name)) return 'would make the object a thenable (`await` would call it)';
  if (OBJECT_PROTOTYPE.includes(name)) return 'would shadow Object.prototype';
  if (FUNCTION_PROTOTYPE.includes(name)) return 'would shadow a Function.prototype member';
  return undefined;
}

/** True when `name` may be a module-level binding or type name in generated code. */
export function isSafeBinding(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && !JS_RESERVED.has(name) && !TS_RESERVED.has(name);
}

/** True when `name` may be an object key generated code defines (`sdk.<key>`, `service.<key>`). */
export function isSafeMember(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && !MEMBER_HAZARDS.has(name);
}

/** Renames a hazardous member (`then` → `then_`); other names pass through. */
export function safeMember(name: string): string {
  return MEMBER_HAZARDS.has(name) ? `${name}_` : name;
}

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
 * are valid property names there, so they are kept as they read. Member hazards (`then`,
 * `constructor`) are not handled here: the caller renames them and warns (see `safeMember`).
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

/** Makes a word usable as a binding: leading digits get `_`, reserved words a trailing `_`. */
export function safeIdentifier(name: string): string {
  let out = name.replace(/[^A-Za-z0-9_$]/g, '_');
  if (/^[0-9]/.test(out)) out = `_${out}`;
  if (JS_RESERVED.has(out) || TS_RESERVED.has(out)) out = `${out}_`;
  return out || '_';
}

/**
 * Hands out unique names: the second `foo` becomes `foo2`, then `foo3`. Deterministic in call
 * order. Each claim may name its owner (a JSON pointer), so a collision can name both places.
 */
export class NameScope {
  private readonly taken = new Map<string, string | undefined>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.taken.set(name, undefined);
  }

  has(name: string): boolean {
    return this.taken.has(name);
  }

  /** Who claimed `name` (a pointer), or undefined for a reserved or unowned name. */
  ownerOf(name: string): string | undefined {
    return this.taken.get(name);
  }

  /** Claims `name`, or the first free `name<N>`. */
  claim(name: string, owner?: string): string {
    let candidate = name;
    for (let n = 2; this.taken.has(candidate); n++) candidate = `${name}${n}`;
    this.taken.set(candidate, owner);
    return candidate;
  }
}
