/**
 * One schema as the comparison sees it: `$ref`s followed, `allOf` merged, the ways of saying
 * "may be null" (3.0 `nullable`, 3.1 `type: [x, 'null']`, `oneOf: [x, {type: 'null'}]`) folded
 * into one flag, and `const` read as a one-value enum. Each part keeps the pointer it came from.
 * @see https://spec.openapis.org/oas/v3.1.0#schema-object
 */
import { deref } from '../codegen/refs.js';
import { joinPointer } from '../codegen/spec-error.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A schema node with the JSON pointer where it lives. */
export interface Located {
  readonly node: unknown;
  readonly pointer: string;
}

export interface SchemaView {
  readonly pointer: string;
  /** The component the schema is, when it was reached through a `$ref` (`Order`). */
  readonly component: string | undefined;
  /** JSON types allowed besides null; undefined when unconstrained. */
  readonly types: ReadonlySet<string> | undefined;
  readonly nullable: boolean;
  readonly enumValues: readonly unknown[] | undefined;
  readonly format: string | undefined;
  readonly pattern: string | undefined;
  readonly bounds: Readonly<Record<string, number>>;
  readonly properties: ReadonlyMap<string, Located>;
  readonly required: ReadonlySet<string>;
  readonly items: Located | undefined;
  /** `oneOf`/`anyOf` members other than null. */
  readonly variants: readonly Located[] | undefined;
  /** `additionalProperties`: false, a schema, or undefined (allowed). */
  readonly additional: Located | false | undefined;
  /** `readOnly`: only in responses (the app cannot send it). */
  readonly readOnly: boolean;
  /** `writeOnly`: only in requests (responses never carry it). */
  readonly writeOnly: boolean;
  /** `discriminator.propertyName` and its mapping (value → target as written). */
  readonly discriminator: { readonly propertyName: string; readonly mapping: ReadonlyMap<string, string> } | undefined;
}

const UPPER = ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties'];
const LOWER = ['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties'];
/** Bound keywords: a smaller upper bound or a larger lower bound tightens the schema. */
export const BOUNDS = { upper: UPPER, lower: LOWER } as const;

const componentOf = (pointer: string): string | undefined => /^#\/components\/schemas\/([^/]+)$/.exec(pointer)?.[1]?.replace(/~1/g, '/').replace(/~0/g, '~');

/** Builds the view of the schema at `at` in `document`. */
export function viewOf(document: Obj, at: Located): SchemaView {
  const { node, pointer } = deref(document, at.node, at.pointer);
  const viaRef = pointer !== at.pointer;
  const acc: Mutable = {
    pointer,
    component: viaRef ? componentOf(pointer) : undefined,
    types: undefined,
    nullable: false,
    enumValues: undefined,
    format: undefined,
    pattern: undefined,
    bounds: {},
    properties: new Map(),
    required: new Set(),
    items: undefined,
    variants: undefined,
    additional: undefined,
    readOnly: false,
    writeOnly: false,
    discriminator: undefined,
  };
  absorb(document, acc, node, pointer, new Set([pointer]));
  // `oneOf: [X, null]` is "X or null": compare X itself.
  if (acc.variants?.length === 1 && acc.types === undefined && acc.properties.size === 0) {
    const inner = viewOf(document, acc.variants[0]!);
    return { ...inner, nullable: inner.nullable || acc.nullable, component: inner.component ?? acc.component };
  }
  return acc;
}

interface Mutable {
  pointer: string;
  component: string | undefined;
  types: Set<string> | undefined;
  nullable: boolean;
  enumValues: unknown[] | undefined;
  format: string | undefined;
  pattern: string | undefined;
  bounds: Record<string, number>;
  properties: Map<string, Located>;
  required: Set<string>;
  items: Located | undefined;
  variants: Located[] | undefined;
  additional: Located | false | undefined;
  readOnly: boolean;
  writeOnly: boolean;
  discriminator: { propertyName: string; mapping: Map<string, string> } | undefined;
}

/** Folds one schema object (and its `allOf` members, cycle-safe) into the view. */
function absorb(document: Obj, acc: Mutable, node: unknown, pointer: string, seen: Set<string>): void {
  if (!isObj(node)) return;
  if (node.nullable === true) acc.nullable = true;
  if (node.readOnly === true) acc.readOnly = true;
  if (node.writeOnly === true) acc.writeOnly = true;
  if (isObj(node.discriminator) && typeof node.discriminator.propertyName === 'string') {
    const mapping = new Map<string, string>();
    if (isObj(node.discriminator.mapping)) for (const [k, v] of Object.entries(node.discriminator.mapping)) if (typeof v === 'string') mapping.set(k, v);
    acc.discriminator = { propertyName: node.discriminator.propertyName, mapping };
  }
  const type = node.type;
  if (typeof type === 'string' || Array.isArray(type)) {
    const list = (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
    if (list.includes('null')) acc.nullable = true;
    const own = list.filter((t) => t !== 'null');
    if (own.length > 0) acc.types = acc.types ? new Set(own.filter((t) => acc.types!.has(t))) : new Set(own);
    else if (list.length === 1) acc.types ??= new Set();
  }
  if (Array.isArray(node.enum)) {
    const values = node.enum.filter((v) => v !== null);
    if (values.length < node.enum.length) acc.nullable = true;
    acc.enumValues = values;
  } else if ('const' in node) {
    if (node.const === null) acc.nullable = true;
    else acc.enumValues = [node.const];
  }
  if (typeof node.format === 'string') acc.format = node.format;
  if (typeof node.pattern === 'string') acc.pattern = node.pattern;
  for (const key of [...UPPER, ...LOWER]) if (typeof node[key] === 'number') acc.bounds[key] = node[key] as number;
  if (isObj(node.properties)) {
    for (const name of Object.keys(node.properties)) acc.properties.set(name, { node: node.properties[name], pointer: joinPointer(pointer, 'properties', name) });
    acc.types ??= new Set(['object']);
  }
  if (Array.isArray(node.required)) for (const name of node.required) if (typeof name === 'string') acc.required.add(name);
  if (node.items !== undefined && typeof node.items !== 'boolean') acc.items = { node: node.items, pointer: joinPointer(pointer, 'items') };
  if (node.additionalProperties === false) acc.additional = false;
  else if (isObj(node.additionalProperties)) acc.additional = { node: node.additionalProperties, pointer: joinPointer(pointer, 'additionalProperties') };
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const list = node[keyword];
    if (!Array.isArray(list)) continue;
    const members: Located[] = [];
    list.forEach((member, index) => {
      const at = joinPointer(pointer, keyword, index);
      const target = deref(document, member, at).node;
      if (isObj(target) && (target.type === 'null' || (Array.isArray(target.type) && target.type.length === 1 && target.type[0] === 'null'))) acc.nullable = true;
      else members.push({ node: member, pointer: at });
    });
    acc.variants = [...(acc.variants ?? []), ...members];
  }
  if (Array.isArray(node.allOf)) {
    node.allOf.forEach((member, index) => {
      const { node: target, pointer: where } = deref(document, member, joinPointer(pointer, 'allOf', index));
      if (seen.has(where)) return;
      seen.add(where);
      absorb(document, acc, target, where, seen);
    });
  }
}
