/**
 * Reads a spec file (YAML or JSON, OpenAPI 3.0/3.1), checks what generation needs and makes
 * every `$ref` resolvable within the document. Fatal flaws throw one SpecError naming the file
 * and the place; flaws that need not block are warnings with their pointer.
 * @see https://spec.openapis.org/oas/v3.1.0#reference-object
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseDocument, type Document } from 'yaml';
import type { Diagnostics } from './model.js';
import { checkRefCycles } from './ref-cycles.js';
import { deref, resolvePointer } from './refs.js';
import { MAX_NESTING_DEPTH, MAX_YAML_ALIAS_COUNT } from './spec-limits.js';
import { aliasBombError, checkFlowDepth } from './yaml-guards.js';
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
  checkOperationIds(file, document);
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
    value = parseYaml(file, text);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SpecError(file, '#', 'the document is not an object (an OpenAPI document is a mapping at its root)');
  }
  return value as Record<string, unknown>;
}

/** YAML → plain data, with nesting and alias expansion bounded before the recursive parts run. */
function parseYaml(file: string, text: string): unknown {
  checkFlowDepth(file, text);
  let doc: Document;
  try {
    // `uniqueKeys` stays on: a duplicated key silently dropping half a definition is a bug to report.
    doc = parseDocument(text, { prettyErrors: false, strict: true });
  } catch (error) {
    throw tooDeep(file, error);
  }
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    const where = pos ? `${pos.line}:${pos.col}` : '1:1';
    throw new SpecError(file, where, `invalid YAML: ${first.message.split('\n')[0]}`, { cause: first });
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
  } catch (error) {
    // yaml refuses excessive alias expansion with a ReferenceError (its only one after a clean parse).
    if (error instanceof ReferenceError) throw aliasBombError(file, text, doc, error);
    throw tooDeep(file, error);
  }
}

/** Block-style nesting deep enough to overflow the YAML composer (flow style is caught earlier). */
function tooDeep(file: string, error: unknown): unknown {
  if (!(error instanceof RangeError)) return error;
  return new SpecError(file, '1:1', `the YAML is nested too deeply to parse (more than ${MAX_NESTING_DEPTH} levels is refused)`, { cause: error });
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
 * Walks the document once, iteratively (no recursion a deep document could overflow):
 * - nothing may nest deeper than MAX_NESTING_DEPTH (payload values included: emitters print them);
 * - every `$ref` must point inside it. A dangling or external `$ref` in a place a type needs is
 *   fatal; a discriminator mapping entry that does not resolve only loses the mapping (warned),
 *   because the plain oneOf still describes the data;
 * - no `$ref` cycle may lack a schema in between (ref-cycles.ts).
 */
function resolveReferences(file: string, document: Record<string, unknown>, diagnostics: Diagnostics): void {
  const seen = new Set<object>();
  const refNodes: Array<readonly [Record<string, unknown>, string]> = [];
  // Pre-order like a recursive walk (children pushed in reverse), so the first flaw in document order is reported.
  const stack: Array<{ node: unknown; pointer: string; depth: number; payload: boolean }> = [{ node: document, pointer: '#', depth: 0, payload: false }];
  while (stack.length > 0) {
    const { node, pointer, depth, payload } = stack.pop()!;
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    if (depth > MAX_NESTING_DEPTH) {
      throw new SpecError(file, pointer, `nested deeper than ${MAX_NESTING_DEPTH} levels; no real API needs that (limit in scripts/codegen/spec-limits.ts)`);
    }
    const children: Array<{ node: unknown; pointer: string; depth: number; payload: boolean }> = [];
    if (Array.isArray(node)) {
      node.forEach((item, index) => children.push({ node: item, pointer: `${pointer}/${index}`, depth: depth + 1, payload }));
    } else {
      const record = node as Record<string, unknown>;
      if (!payload) checkNode(file, document, record, pointer, diagnostics, refNodes);
      // Under `properties` keys are names; elsewhere these keywords hold payload data, where a
      // `$ref` key is content, not a reference.
      const namesMap = /\/(properties|patternProperties)$/.test(pointer);
      for (const [key, value] of Object.entries(record)) {
        children.push({ node: value, pointer: joinPointer(pointer, key), depth: depth + 1, payload: payload || (!namesMap && PAYLOAD_KEYWORDS.has(key)) });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  checkRefCycles(file, document, refNodes);
}

/** Checks one non-payload object: its `$ref` resolves locally, its discriminator mapping is sane. */
function checkNode(
  file: string,
  document: Record<string, unknown>,
  record: Record<string, unknown>,
  pointer: string,
  diagnostics: Diagnostics,
  refNodes: Array<readonly [Record<string, unknown>, string]>,
): void {
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
  if (typeof ref === 'string' || Array.isArray(record.allOf) || Array.isArray(record.anyOf) || Array.isArray(record.oneOf)) refNodes.push([record, pointer]);
  const discriminator = record.discriminator;
  if (discriminator && typeof discriminator === 'object') sanitizeMapping(document, discriminator as Record<string, unknown>, joinPointer(pointer, 'discriminator'), diagnostics);
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * operationIds must be unique (OAS 3.x); openapi-typescript keys its `operations` type by them
 * and refuses duplicates, so a duplicate is one SpecError naming both places.
 * @see https://spec.openapis.org/oas/v3.1.0#operation-object
 */
function checkOperationIds(file: string, document: Record<string, unknown>): void {
  const seen = new Map<string, string>();
  for (const section of ['paths', 'webhooks']) {
    const items = document[section];
    if (items === null || typeof items !== 'object') continue;
    for (const [key, raw] of Object.entries(items as Record<string, unknown>)) {
      const item = deref(document, raw, joinPointer(`#/${section}`, key)).node;
      if (item === null || typeof item !== 'object') continue;
      for (const method of HTTP_METHODS) {
        const operation = (item as Record<string, unknown>)[method] as Record<string, unknown> | undefined;
        const id = operation && typeof operation === 'object' ? operation.operationId : undefined;
        if (typeof id !== 'string') continue;
        const where = joinPointer(`#/${section}`, key, method, 'operationId');
        const first = seen.get(id);
        if (first !== undefined) throw new SpecError(file, where, `duplicate operationId ${JSON.stringify(id)} (first at ${first}); operationIds must be unique`);
        seen.set(id, where);
      }
    }
  }
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
