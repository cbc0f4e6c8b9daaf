/**
 * `oneOf`/`anyOf` + `discriminator` → `v.variant`, when it can be done faithfully: every member
 * must flatten (through `$ref`s and `allOf`) to one object shape, and each member must declare
 * its discriminator values itself (`const`/`enum` on the property). The mapping alone is not
 * enough: JSON Schema ignores it, so keying on it would reject values a member accepts.
 * Otherwise the caller falls back to `v.union`, which accepts the same valid data with less
 * precise issues. valibot's variant settles on the first option whose tag matches, so the tag
 * must be required in every member and no value may belong to two members.
 *
 * Members are written inline as object schemas: `v.variant` reads `entries[key]` of its options
 * at run time, and a `v.GenericSchema`-typed const would not type-check as an option.
 * Implicit values (a member's component name when the mapping omits it) are not assumed: a
 * guess that does not match the server would reject valid data.
 *
 * @see https://spec.openapis.org/oas/v3.1.0#discriminator-object
 */
import { str, type Expr } from '../ast.js';
import type { Pointer } from '../model.js';
import { child, DocumentIndex, isRecord, type Resolved } from './document.js';
import { vAllOf } from './all-of.js';
import { entries, inlineList, list, vc, vOptional, vUnknown } from './emit.js';
import { additionalMode, hasValidation, VALIDATION_KEYWORDS } from './keywords.js';
import type { SchemaConverter } from './schema.js';

interface Located {
  node: unknown;
  pointer: Pointer;
}

interface FlatObject {
  /** Property → the schemas that describe it (several when allOf parts repeat a key). */
  properties: Map<string, Located[]>;
  required: Set<string>;
  mode: 'loose' | 'strict' | 'rest';
  rest: Located | undefined;
  /** Every pointer the member was reached through (`$ref` hops), to match mapping targets. */
  identities: Set<Pointer>;
}

/** Keywords that make a member something other than a plain object shape. */
const NOT_AN_OBJECT = ['oneOf', 'anyOf', 'not', 'enum', 'const', 'items', 'prefixItems'];

export function tryVariant(
  converter: SchemaConverter,
  node: Record<string, unknown>,
  pointer: Pointer,
  members: ReadonlyArray<Located>,
): Expr | undefined {
  const discriminator = node['discriminator'] as Record<string, unknown>;
  const key = discriminator['propertyName'];
  if (typeof key !== 'string' || key === '') return undefined;

  // The mapping is only read to report targets that do not resolve (and then keep the plain union).
  const valuesByTarget = readMapping(converter, discriminator['mapping'], child(pointer, 'discriminator', 'mapping'));
  if (!valuesByTarget) return undefined;

  const options: Expr[] = [];
  const taken = new Set<string>();
  for (const member of members) {
    const flat = flatten(converter, member.node, member.pointer, new Set());
    if (!flat) return undefined;
    // Only the member's own `const`/`enum` narrows the tag: JSON Schema ignores the mapping, so a
    // member whose property is a plain string accepts any value there (a variant keyed on the
    // mapping's values would reject data the spec's JSON Schema accepts).
    const values = declaredValues(converter, flat.properties.get(key));
    if (values.length === 0) return undefined;
    // valibot's variant settles on the first option whose tag matches, so the tag must be
    // required and each value must belong to one member; else a later member never gets its turn.
    const keyRequired = flat.required.has(key) && !(flat.properties.get(key) ?? []).some((s) => converter.isOptionalProperty(s.node));
    if (!keyRequired || values.some((value) => taken.has(value))) return undefined;
    values.forEach((value) => taken.add(value));
    options.push(objectOption(converter, flat, key, [...new Set(values)]));
  }
  return vc('variant', str(key), list(options));
}

/**
 * Mapping value → target pointer, grouped by target. A target that does not resolve (an external
 * file, a wrong pointer) is warned about at its own pointer and the whole variant is abandoned.
 */
function readMapping(converter: SchemaConverter, mapping: unknown, pointer: Pointer): Map<Pointer, string[]> | undefined {
  const byTarget = new Map<Pointer, string[]>();
  if (!isRecord(mapping)) return byTarget;
  let broken = false;
  for (const [value, target] of Object.entries(mapping)) {
    const resolved = typeof target === 'string' ? resolveMappingTarget(converter.ctx.index, target) : undefined;
    if (!resolved) {
      converter.ctx.warn(
        child(pointer, value),
        `discriminator mapping target ${JSON.stringify(target)} does not resolve; validated as a plain union`,
      );
      broken = true;
      continue;
    }
    const values = byTarget.get(resolved.pointer);
    if (values) values.push(value);
    else byTarget.set(resolved.pointer, [value]);
  }
  return broken ? undefined : byTarget;
}

/** A mapping value is a reference (`#/components/schemas/Cat`) or a bare schema name (`Cat`). */
function resolveMappingTarget(index: DocumentIndex, target: string): Resolved | undefined {
  if (target.startsWith('#')) return index.resolve(target);
  if (/[/#]/.test(target) || !Object.prototype.hasOwnProperty.call(index.schemas, target)) return undefined;
  return index.resolve(DocumentIndex.componentPointer(target));
}

/** Merges a member (through `$ref` and `allOf`) into one object shape, or undefined. */
function flatten(converter: SchemaConverter, start: unknown, startPointer: Pointer, seen: Set<Pointer>): FlatObject | undefined {
  let node = start;
  let pointer = startPointer;
  const identities = new Set<Pointer>([pointer]);
  while (isRecord(node) && typeof node['$ref'] === 'string') {
    // 3.1 applies a $ref's siblings too; a member that adds to its target is not flattened.
    if (converter.ctx.version === '3.1' && Object.keys(node).some((k) => k !== '$ref' && VALIDATION_KEYWORDS.has(k))) return undefined;
    const target = converter.ctx.index.resolve(node['$ref']);
    if (!target || seen.has(target.pointer)) return undefined;
    seen.add(target.pointer);
    node = target.node;
    pointer = target.pointer;
    identities.add(pointer);
  }
  if (!isRecord(node)) return undefined;
  if (NOT_AN_OBJECT.some((k) => k in node) || node['nullable'] === true) return undefined;
  const type = node['type'];
  const typeOk = type === undefined ? 'properties' in node || 'allOf' in node : type === 'object' || (Array.isArray(type) && type.length === 1 && type[0] === 'object');
  if (!typeOk) return undefined;

  const flat: FlatObject = {
    properties: new Map(),
    required: new Set(Array.isArray(node['required']) ? node['required'].filter((k): k is string => typeof k === 'string') : []),
    mode: additionalMode(node),
    rest: undefined,
    identities,
  };
  if (flat.mode === 'rest') flat.rest = { node: node['additionalProperties'], pointer: child(pointer, 'additionalProperties') };
  if (isRecord(node['properties'])) {
    for (const [name, schema] of Object.entries(node['properties'])) {
      flat.properties.set(name, [{ node: schema, pointer: child(pointer, 'properties', name) }]);
    }
  }
  const allOf = node['allOf'];
  if (Array.isArray(allOf)) {
    if (flat.mode !== 'loose') return undefined;
    for (const [i, member] of allOf.entries()) {
      if (isRecord(member) && !hasValidation(member)) continue;
      const part = flatten(converter, member, child(pointer, 'allOf', i), seen);
      if (!part || part.mode !== 'loose') return undefined;
      for (const [name, schemas] of part.properties) flat.properties.set(name, [...(flat.properties.get(name) ?? []), ...schemas]);
      for (const name of part.required) flat.required.add(name);
    }
  }
  return flat;
}

/** String values a property declares with `const` or `enum`. */
function declaredValues(converter: SchemaConverter, schemas: Located[] | undefined): string[] {
  for (const schema of schemas ?? []) {
    const node = converter.follow(schema.node);
    if (!isRecord(node)) continue;
    if (typeof node['const'] === 'string') return [node['const']];
    const values = node['enum'];
    if (Array.isArray(values) && values.length > 0 && values.every((value) => typeof value === 'string')) return values as string[];
  }
  return [];
}

/** One variant option: the flattened object with the discriminator narrowed to its values. */
function objectOption(converter: SchemaConverter, flat: FlatObject, key: string, values: string[]): Expr {
  const tag = values.length === 1 ? vc('literal', str(values[0]!)) : vc('picklist', inlineList(values.map((value) => str(value))));
  const keyRequired = flat.required.has(key) && !(flat.properties.get(key) ?? []).some((s) => converter.isOptionalProperty(s.node));
  const props: Array<[string, Expr]> = [];
  if (!flat.properties.has(key)) props.push([key, keyRequired ? tag : vOptional(tag)]);
  for (const [name, schemas] of flat.properties) {
    if (name === key) {
      props.push([name, keyRequired ? tag : vOptional(tag)]);
      continue;
    }
    const expr = vAllOf(schemas.map((schema) => converter.convert(schema.node, schema.pointer)));
    const required = flat.required.has(name) && !schemas.some((schema) => converter.isOptionalProperty(schema.node));
    props.push([name, required ? expr : vOptional(expr)]);
  }
  for (const name of flat.required) if (!flat.properties.has(name) && name !== key) props.push([name, vUnknown()]);
  if (flat.mode === 'strict') return vc('strictObject', entries(props));
  if (flat.mode === 'rest') return vc('objectWithRest', entries(props), converter.convert(flat.rest!.node, flat.rest!.pointer));
  return vc('looseObject', entries(props));
}
