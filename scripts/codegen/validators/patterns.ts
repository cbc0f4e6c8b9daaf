/**
 * `pattern` → a RegExp, as close to JSON Schema's reading (ECMA-262, unicode mode) as the text
 * allows. Real specs carry patterns that are valid ECMA-262 only outside unicode mode, mostly
 * needless escapes (AWS writes `[a-z\-]`, `\_`, `\:`): those are translated (the escaped
 * character written as `\xHH` / `\u{H}`) and compiled with `u`, so they keep unicode semantics.
 * What still fails in `u` mode is compiled without the flag; what no engine accepts is undefined
 * (the caller warns, naming the pointer, and does not check it).
 *
 * @see https://json-schema.org/draft/2020-12/json-schema-core#name-regular-expressions
 */

/** Characters that may follow `\` in unicode mode (syntax characters, `/`, `-`, escape letters, digits). */
const U_ESCAPABLE = /[\^$\\.*+?()[\]{}|/\-dDwWsSbBfnrtvcxukpP0-9]/;

export interface CompiledPattern {
  re: RegExp;
  /** How the spec's text was read: as is (`u`), with needless escapes rewritten, or without `u`. */
  mode: 'unicode' | 'translated' | 'legacy';
}

/** Compiles a spec pattern, or undefined when no JavaScript engine accepts it. */
export function compilePattern(pattern: string): CompiledPattern | undefined {
  const direct = tryCompile(pattern, 'u');
  if (direct) return { re: direct, mode: 'unicode' };
  const translated = translateIdentityEscapes(pattern);
  if (translated !== pattern) {
    const re = tryCompile(translated, 'u');
    if (re) return { re, mode: 'translated' };
  }
  const legacy = tryCompile(pattern, '');
  return legacy ? { re: legacy, mode: 'legacy' } : undefined;
}

/** Rewrites `\X` for an X that unicode mode does not allow escaped into an explicit code escape. */
export function translateIdentityEscapes(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char !== '\\' || i + 1 >= pattern.length) {
      out += char;
      continue;
    }
    const next = String.fromCodePoint(pattern.codePointAt(i + 1)!);
    i += next.length;
    if (U_ESCAPABLE.test(next)) out += `\\${next}`;
    else out += codeEscape(next.codePointAt(0)!);
  }
  return out;
}

const codeEscape = (code: number): string =>
  code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;

function tryCompile(pattern: string, flags: string): RegExp | undefined {
  try {
    return new RegExp(pattern, flags);
  } catch {
    return undefined;
  }
}
