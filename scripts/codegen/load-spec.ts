/**
 * Reads a spec file (YAML or JSON, OpenAPI 3.0/3.1), checks what generation needs and makes
 * every `$ref` resolvable within the document. Fatal flaws throw one SpecError naming the file
 * and the place; flaws that need not block are warnings with their pointer.
 * @see https://spec.openapis.org/oas/v3.1.0#reference-object
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import type { Diagnostics } from './model.js';
import { resolvePointer } from './refs.js';
import { SpecError, joinPointer } from './spec-error.js';

export interface LoadedSpec {
  document: Record<string, unknown>;
  openapiVersion: '3.0' | '3.1';
  specHash: string;
  source: string;
}

/** Loads, parses and sanitises a spec file. */
export async function loadSpec(file: string, diagnostics: Diagnostics): Promise<LoadedSpec> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new SpecError(file, '#', `cannot read the spec file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, {
      cause: error,
    });
  }
  const specHash = createHash('sha256').update(bytes).digest('hex');
  const document = parseSpecText(file, bytes.toString('utf8'));
  const openapiVersion = checkVersion(file, document);
  checkPaths(file, document);
  resolveReferences(file, document, diagnostics);
  return { document, openapiVersion, specHash, source: file };
}

/** Parses JSON or YAML text, reporting syntax errors with line and column. */
export function parseSpecText(file: string, text: string): Record<string, unknown> {
  const trimmed = text.trimStart();
  let value: unknown;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new SpecError(file, jsonErrorPosition(text, error), `invalid JSON: ${(error as Error).message}`, { cause: error });
    }
  } else {
    // `uniqueKeys` stays on: a duplicated key silently dropping half a definition is a bug to report.
    const doc = parseDocument(text, { prettyErrors: false, strict: true });
    const first = doc.errors[0];
    if (first) {
      const pos = first.linePos?.[0];
      const where = pos ? `${pos.line}:${pos.col}` : '1:1';
      throw new SpecError(file, where, `invalid YAML: ${first.message.split('\n')[0]}`, { cause: first });
    }
    value = doc.toJS({ maxAliasCount: 10_000 });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SpecError(file, '#', 'the document is not an object (an OpenAPI document is a mapping at its root)');
  }
  return value as Record<string, unknown>;
}

function jsonErrorPosition(text: string, error: unknown): string {
  const match = /position (\d+)/.exec(String((error as Error).message));
  if (!match) return '1:1';
  const offset = Number(match[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - before.lastIndexOf('\n');
  return `${line}:${col}`;
}

function checkVersion(file: string, document: Record<string, unknown>): '3.0' | '3.1' {
  if ('swagger' in document) {
    throw new SpecError(
      file,
      '#/swagger',
      `Swagger ${String(document.swagger)} is not supported; convert it to OpenAPI 3 first (e.g. with swagger2openapi)`,
    );
  }
  const version = document.openapi;
  if (typeof version !== 'string') throw new SpecError(file, '#/openapi', 'missing the `openapi` version field');
  if (/^3\.0\.\d+/.test(version)) return '3.0';
  if (/^3\.1\.\d+/.test(version)) return '3.1';
  throw new SpecError(file, '#/openapi', `unsupported OpenAPI version ${JSON.stringify(version)} (3.0.x and 3.1.x are supported)`);
}

/**
 * 3.0 requires `paths`. 3.1 makes it optional but needs one of `paths`, `webhooks` or
 * `components`: a webhooks-only spec generates payload parsers, a components-only one types and
 * validators. An empty result either way is refused: there is nothing to generate.
 * @see https://spec.openapis.org/oas/v3.1.0#openapi-object
 */
function checkPaths(file: string, document: Record<string, unknown>): void {
  const is31 = typeof document.openapi === 'string' && document.openapi.startsWith('3.1');
  const paths = document.paths;
  const present = (key: string): boolean => document[key] !== undefined && document[key] !== null;
  const isMap = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  for (const key of ['paths', 'webhooks', 'components']) {
    if (present(key) && !isMap(document[key])) throw new SpecError(file, `#/${key}`, `\`${key}\` must be an object`);
  }
  const size = (key: string): number => (isMap(document[key]) ? Object.keys(document[key]).length : 0);
  if (!is31) {
    if (!present('paths')) throw new SpecError(file, '#/paths', 'the spec has no `paths`: there is nothing to generate');
    if (size('paths') === 0) throw new SpecError(file, '#/paths', '`paths` is empty: there is nothing to generate');
  } else if (size('paths') + size('webhooks') + size('components') === 0) {
    const what = present('paths') ? '`paths` is empty and there are no `webhooks` or `components`' : 'the spec has no `paths`, `webhooks` or `components` (OpenAPI 3.1 needs one)';
    throw new SpecError(file, '#/paths', `${what}: there is nothing to generate`);
  }
  if (!isMap(paths)) return;
  for (const key of Object.keys(paths)) {
    if (!key.startsWith('/')) throw new SpecError(file, joinPointer('#/paths', key), `path ${JSON.stringify(key)} must start with "/"`);
  }
}

/**
 * Walks the document once: every `$ref` must point inside it. A dangling or external `$ref` in a
 * place a type needs is fatal; a discriminator mapping entry that does not resolve only loses
 * the mapping (warned), because the plain oneOf still describes the data.
 */
function resolveReferences(file: string, document: Record<string, unknown>, diagnostics: Diagnostics): void {
  const seen = new Set<object>();
  const visit = (node: unknown, pointer: string): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, `${pointer}/${index}`));
      return;
    }
    const record = node as Record<string, unknown>;
    const ref = record.$ref;
    if (typeof ref === 'string') {
      const where = joinPointer(pointer, '$ref');
      if (!ref.startsWith('#')) {
        throw new SpecError(file, where, `external reference ${JSON.stringify(ref)} is not supported; bundle the spec into one file first`);
      }
      if (resolvePointer(document, ref) === undefined) {
        throw new SpecError(file, where, `$ref ${JSON.stringify(ref)} does not resolve to anything in the document`);
      }
    }
    const discriminator = record.discriminator;
    if (discriminator && typeof discriminator === 'object') sanitizeMapping(document, discriminator as Record<string, unknown>, joinPointer(pointer, 'discriminator'), diagnostics);
    // Under `properties` keys are names; elsewhere these keywords hold payload data, where a
    // `$ref` key is content, not a reference.
    const namesMap = /\/(properties|patternProperties)$/.test(pointer);
    for (const [key, value] of Object.entries(record)) {
      if (!namesMap && PAYLOAD_KEYWORDS.has(key)) continue;
      visit(value, joinPointer(pointer, key));
    }
  };
  visit(document, '#');
}

const PAYLOAD_KEYWORDS = new Set(['example', 'examples', 'default', 'const', 'enum', 'x-examples']);

function sanitizeMapping(
  document: Record<string, unknown>,
  discriminator: Record<string, unknown>,
  pointer: string,
  diagnostics: Diagnostics,
): void {
  const mapping = discriminator.mapping;
  if (!mapping || typeof mapping !== 'object') return;
  const entries = mapping as Record<string, unknown>;
  for (const [value, target] of Object.entries(entries)) {
    const where = joinPointer(pointer, 'mapping', value);
    const resolved =
      typeof target === 'string' &&
      (target.startsWith('#') ? resolvePointer(document, target) !== undefined : resolvePointer(document, `#/components/schemas/${target}`) !== undefined);
    if (!resolved) {
      diagnostics.warn(where, `discriminator mapping target ${JSON.stringify(target)} does not resolve; the mapping entry is ignored (plain oneOf)`);
      delete entries[value];
    }
  }
  if (Object.keys(entries).length === 0) delete discriminator.mapping;
}
