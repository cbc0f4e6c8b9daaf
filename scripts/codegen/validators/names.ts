/**
 * Names of the generated consts: deterministic, valid identifiers, never colliding with each
 * other or with the `v` namespace the module imports valibot as.
 */
import { ts } from '../ast.js';
import { NameScope } from '../names.js';

/** Anything that is not part of an identifier, plus `_`, separates words. */
const WORD_BREAK = /[^\p{ID_Continue}]+|_+/u;
const STARTS_IDENT = /^[\p{ID_Start}$_]/u;

/** `order-item` → `OrderItem`, `HTTPError` → `HTTPError`, `2fa_code` → `2faCode` (unicode kept). */
export function pascalCase(raw: string): string {
  return raw
    .split(WORD_BREAK)
    .filter((word) => word.length > 0)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** Makes `name` a valid identifier: a leading digit (or other non-start character) gets `_`. */
export function toIdentifier(name: string): string {
  let out = name.length === 0 ? 'Unnamed' : name;
  if (!STARTS_IDENT.test(out)) out = `_${out}`;
  // Safety net for code points that pass the regexes but not TypeScript's scanner.
  const chars = Array.from(out, (ch, i) => {
    const code = ch.codePointAt(0)!;
    const ok = i === 0 ? ts.isIdentifierStart(code, ts.ScriptTarget.ES2022) : ts.isIdentifierPart(code, ts.ScriptTarget.ES2022);
    return ok ? ch : '_';
  });
  return chars.join('');
}

/** The const name a component schema would like: PascalCase + `Schema`. */
export const componentConstBase = (schemaName: string): string => toIdentifier(`${pascalCase(schemaName) || 'Unnamed'}Schema`);

/** The suffix for a response const: `200`, `2XX`, `Default`. */
export const statusSuffix = (status: string): string => pascalCase(status) || 'Unknown';

/** The same deterministic name scope the rest of codegen uses (one implementation for both). */
export { NameScope as NameRegistry };
type NameRegistry = NameScope;

/**
 * Names every component schema. Names whose natural const name is unique are claimed first, so
 * adding a clashing schema later never renames an existing const; clashes are then settled in
 * code-unit order of the raw schema names (independent of the order in the document).
 */
export function assignComponentNames(schemaNames: readonly string[], registry: NameRegistry): Map<string, string> {
  const byBase = new Map<string, string[]>();
  for (const raw of schemaNames) {
    const base = componentConstBase(raw);
    const group = byBase.get(base);
    if (group) group.push(raw);
    else byBase.set(base, [raw]);
  }
  const out = new Map<string, string>();
  const clashes: Array<[string, string[]]> = [];
  for (const [base, group] of byBase) {
    if (group.length === 1 && !registry.has(base)) out.set(group[0]!, registry.claim(base));
    else clashes.push([base, group]);
  }
  for (const [base, group] of clashes) {
    for (const raw of [...group].sort(compareCodeUnits)) out.set(raw, registry.claim(base));
  }
  return out;
}

export const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
