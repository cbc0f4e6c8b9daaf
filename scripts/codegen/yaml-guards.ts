/**
 * Guards run around the YAML parser, whose composer and `toJS` recurse per nesting level and
 * expand aliases eagerly: a document of 100,000 `[`s or a "billion laughs" alias bomb would
 * otherwise end in a RangeError or an out-of-memory crash instead of a located SpecError.
 */
import { Lexer, visit, type Document } from 'yaml';
import { MAX_NESTING_DEPTH, MAX_YAML_ALIAS_COUNT } from './spec-limits.js';
import { SpecError } from './spec-error.js';

/** Lexer tokens that mark structure without consuming source text. */
const ZERO_WIDTH = new Set(['\u0002', '\u0018', '\u001f']);

/** `line:col` (1-based) of a character offset. */
export function lineCol(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return `${line}:${offset - start + 1}`;
}

/**
 * Rejects flow collections (`[[[…`, `{a: {b: …`) nested deeper than the limit, before the
 * recursive composer sees them. The lexer is iterative and knows quoting, comments and block
 * scalars, so brackets inside text never count.
 */
export function checkFlowDepth(file: string, text: string): void {
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') {
      depth++;
      if (depth > MAX_NESTING_DEPTH) {
        throw new SpecError(file, lineCol(text, offset), `nested deeper than ${MAX_NESTING_DEPTH} levels; no real API needs that (limit in scripts/codegen/spec-limits.ts)`);
      }
    } else if (token === ']' || token === '}') depth = Math.max(0, depth - 1);
    if (!ZERO_WIDTH.has(token)) offset += token.length;
  }
}

/** Converts YAML's alias-count refusal into a SpecError at the first alias of the document. */
export function aliasBombError(file: string, text: string, document: Document, cause: unknown): SpecError {
  let where = '1:1';
  visit(document, {
    Alias(_key, node) {
      if (node.range) where = lineCol(text, node.range[0]);
      return visit.BREAK;
    },
  });
  return new SpecError(
    file,
    where,
    `YAML aliases expand to more than ${MAX_YAML_ALIAS_COUNT} nodes (an alias bomb?); repeat the content or use $ref instead`,
    { cause },
  );
}
