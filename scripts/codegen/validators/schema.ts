/**
 * Schema Object → valibot expression. One method per JSON Schema concern; every method receives
 * the JSON pointer of the node it converts, which is also where its warnings point.
 *
 * A schema is the conjunction of its keywords, so a node becomes the conjunction (all-of.ts) of its parts:
 * its own type-specific keywords, each `allOf` member, and the `oneOf`/`anyOf` union (a part
 * alone is used as is). Nullability (`nullable: true`, a `null` type or enum value, a `null`
 * union member) is collected on the side and applied once, outside.
 *
 * @see https://spec.openapis.org/oas/v3.0.3#schema-object
 * @see https://spec.openapis.org/oas/v3.1.0#schema-object
 */
import { f, id, num, str, ts, type Expr } from '../ast.js';
import type { Pointer } from '../model.js';
import { vAllOf } from './all-of.js';
import { tryVariant } from './discriminator.js';
import { child, DocumentIndex, isRecord } from './document.js';
import {
  arrow, binary, entries, inlineList, list, newExpr, prop, regexLiteral, vc, vObject, vNullable,
  vOptional, vPipe, vUnion, vUnknown,
} from './emit.js';
import { constrainedFamilies, otherThan, otherThanHint } from './families.js';
import { formatAction, type ActionSpec } from './formats.js';
import { pascalCase } from './names.js';
import { additionalMode, hasValidation, OBJECT_KEYWORDS, VALIDATION_KEYWORDS } from './keywords.js';
import { compilePattern } from './patterns.js';
import { admits, isPrimitive, readValues, valuesExpr } from './values.js';

export interface ConvertContext {
  version: '3.0' | '3.1';
  index: DocumentIndex;
  /** Deduplicated: the same message for the same pointer is reported once. */
  warn(pointer: Pointer, message: string): void;
  /** An expression for the const of a component schema: its name, or `v.lazy(() => name)`. */
  componentRef(name: string): Expr;
  /** A module-private const shared by every use of the same leaf schema (same `key`). */
  shared(key: string, hint: string, build: () => Expr): Expr;
}

type Node = Record<string, unknown>;

const KNOWN_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null', 'array', 'object']);

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** A node that admits only `null`: `{type: 'null'}`, `{const: null}`, `{enum: [null]}`. */
export function isNullOnly(node: unknown): boolean {
  if (!isRecord(node)) return false;
  if (node['type'] === 'null') return true;
  if ('const' in node && node['const'] === null) return true;
  const values = node['enum'];
  return Array.isArray(values) && values.length > 0 && values.every((value) => value === null);
}

export class SchemaConverter {
  /** Non-component pointers being inlined right now: a second visit is a cycle. */
  private readonly inlining = new Set<Pointer>();

  constructor(readonly ctx: ConvertContext) {}

  /** Converts any schema node (object or boolean) found at `pointer`. */
  convert(node: unknown, pointer: Pointer): Expr {
    if (node === true) return vUnknown();
    if (node === false) return vc('never');
    if (!isRecord(node)) {
      this.ctx.warn(pointer, 'expected a schema object; validated as unknown');
      return vUnknown();
    }
    let nullable = node['nullable'] === true;
    const parts: Expr[] = [];
    const ref = node['$ref'];
    if (typeof ref === 'string') parts.push(this.ref(ref, pointer));
    // In 3.0 a Reference Object's siblings are ignored (except `nullable`, honoured for leniency);
    // in 3.1 `$ref` is an ordinary keyword applied together with the others.
    if (typeof ref !== 'string' || this.ctx.version === '3.1') {
      const own = this.own(node, pointer);
      nullable ||= own.nullable;
      const allOf = this.allOf(node, pointer);
      nullable ||= allOf.nullable;
      const union = this.union(node, pointer);
      nullable ||= union.nullable;
      const others = [...allOf.parts, ...(union.expr ? [union.expr] : [])];
      // A bare `type: object` next to allOf/oneOf adds nothing the members do not already check.
      if (own.expr && !(own.bareObject && others.length > 0)) parts.push(own.expr);
      parts.push(...others);
    }
    const expr = parts.length === 0 ? vUnknown() : vAllOf(parts);
    return nullable ? vNullable(expr) : expr;
  }

  /** `$ref`: a component's const, or the target converted in place (cycle-safe). */
  ref(ref: string, pointer: Pointer): Expr {
    const target = this.ctx.index.resolve(ref);
    if (!target) {
      this.ctx.warn(pointer, `$ref ${JSON.stringify(ref)} does not resolve; validated as unknown`);
      return vUnknown();
    }
    if (target.component !== undefined) return this.ctx.componentRef(target.component);
    if (this.inlining.has(target.pointer)) {
      this.ctx.warn(target.pointer, 'recursive $ref to a schema outside #/components/schemas; the recursion is validated as unknown');
      return vUnknown();
    }
    this.inlining.add(target.pointer);
    try {
      return this.convert(target.node, target.pointer);
    } finally {
      this.inlining.delete(target.pointer);
    }
  }

  /**
   * The node's own keywords. `type` and `const`/`enum` must both hold: the value list is narrowed
   * to the declared types. Without `type`, each keyword family guards only its own type
   * (`{ items: X }` → array of X, or any non-array); with a type list, each type is checked
   * with the keywords that apply to it.
   */
  private own(node: Node, pointer: Pointer): { expr: Expr | undefined; nullable: boolean; bareObject: boolean } {
    const { types, nullable } = this.types(node, pointer);
    const values = readValues(node, pointer, this.ctx.warn);
    if (values.kind === 'list') {
      // A 3.0 `nullable: true` is applied outside (convert), so only `null` in `type` admits it here.
      const declared = types === undefined ? undefined : [...types, ...(nullable ? ['null'] : [])];
      const { expr, nullable: withNull } = valuesExpr(values.values.filter((value) => admits(declared, value)));
      return { expr, nullable: withNull, bareObject: false };
    }
    if (types === undefined) {
      const families = constrainedFamilies(node);
      if (families.length === 0) return { expr: undefined, nullable: false, bareObject: false };
      const guard = this.ctx.shared(`otherThan:${families.join()}`, otherThanHint(families), () => otherThan(families));
      return { expr: vUnion([guard, ...families.map((family) => this.typed(family, node, pointer))]), nullable: false, bareObject: false };
    }
    const exprs = types.map((type) => this.typed(type, node, pointer));
    const bareObject = types.length === 1 && types[0] === 'object' && !OBJECT_KEYWORDS.some((key) => key in node);
    if (exprs.length === 0) return { expr: nullable ? vc('null') : undefined, nullable: false, bareObject: false };
    return { expr: vUnion(exprs), nullable, bareObject };
  }

  /** The declared types (3.0 string, 3.1 array) without `null` (returned as `nullable`); undefined when absent. */
  private types(node: Node, pointer: Pointer): { types: string[] | undefined; nullable: boolean } {
    const declared = node['type'];
    let types: string[];
    if (typeof declared === 'string') types = [declared];
    else if (Array.isArray(declared)) types = declared.filter((type): type is string => typeof type === 'string');
    else return { types: undefined, nullable: false };
    const nullable = types.includes('null');
    types = types.filter((type) => type !== 'null');
    // `integer` is a subset of `number`.
    if (types.includes('number')) types = types.filter((type) => type !== 'integer');
    return {
      types: [...new Set(types)].filter((type) => {
        if (KNOWN_TYPES.has(type)) return true;
        this.ctx.warn(child(pointer, 'type'), `unknown type ${JSON.stringify(type)} ignored`);
        return false;
      }),
      nullable,
    };
  }

  private typed(type: string, node: Node, pointer: Pointer): Expr {
    switch (type) {
      case 'string':
        return this.string(node, pointer);
      case 'number':
        return this.number(node, pointer, false);
      case 'integer':
        return this.number(node, pointer, true);
      case 'boolean':
        return vc('boolean');
      case 'array':
        return this.array(node, pointer);
      case 'object':
        return this.object(node, pointer);
      default:
        return vUnknown();
    }
  }

  /** Lengths count code points, as JSON Schema does (a UTF-16 length would over-count emoji). */
  private string(node: Node, pointer: Pointer): Expr {
    const actions: ActionSpec[] = [];
    let base = 'string';
    const format = node['format'];
    if (typeof format === 'string') {
      const result = formatAction(format);
      if (result.kind === 'check') {
        actions.push(result.action);
        base = `${camelCase(format)}String`;
      } else if (result.kind === 'unknown') this.ctx.warn(pointer, `unknown format ${JSON.stringify(format)} not checked`);
    }
    if (isCount(node['minLength']) && node['minLength'] > 0) actions.push(['minCodePoints', node['minLength']]);
    if (isCount(node['maxLength'])) actions.push(['maxCodePoints', node['maxLength']]);
    const pattern = node['pattern'];
    if (typeof pattern === 'string') {
      const compiled = compilePattern(pattern);
      if (compiled) actions.push(['regex', compiled.re]);
      else this.ctx.warn(child(pointer, 'pattern'), `pattern ${JSON.stringify(pattern)} is not a regular expression any JavaScript engine accepts; not checked`);
    }
    return this.leaf('string', actions, leafHint(base, base === 'string' ? actions : actions.slice(1)));
  }

  /** Bounds in both forms: 3.0 `exclusiveMinimum: true` next to `minimum`, 3.1 `exclusiveMinimum: <n>`. */
  private number(node: Node, pointer: Pointer, integer: boolean): Expr {
    const actions: ActionSpec[] = integer ? [['integer']] : [];
    const format = node['format'];
    if (typeof format === 'string' && formatAction(format).kind === 'unknown') {
      this.ctx.warn(pointer, `unknown format ${JSON.stringify(format)} not checked`);
    }
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = node;
    if (isFiniteNumber(minimum)) actions.push([exclusiveMinimum === true ? 'gtValue' : 'minValue', minimum]);
    if (isFiniteNumber(exclusiveMinimum)) actions.push(['gtValue', exclusiveMinimum]);
    if (isFiniteNumber(maximum)) actions.push([exclusiveMaximum === true ? 'ltValue' : 'maxValue', maximum]);
    if (isFiniteNumber(exclusiveMaximum)) actions.push(['ltValue', exclusiveMaximum]);
    if (isFiniteNumber(multipleOf) && multipleOf > 0) {
      if (!(integer && multipleOf === 1)) actions.push([MULTIPLE_OF, multipleOf]);
    }
    return this.leaf('number', actions, leafHint(integer ? 'integer' : 'number', actions));
  }

  /**
   * A string or number with checks. These repeat a lot (the GitHub spec has ~7,000 `uri` and
   * ~4,800 `integer` properties), so each distinct one becomes one shared module-private const:
   * smaller output, and far less for `tsc` to check than thousands of identical `v.pipe` calls.
   */
  private leaf(base: 'string' | 'number', actions: readonly ActionSpec[], hint: string): Expr {
    if (actions.length === 0) return vc(base);
    const key = JSON.stringify([base, ...actions.map((action) => action.map((arg) => (arg instanceof RegExp ? String(arg) : arg)))]);
    return this.ctx.shared(key, hint, () => vPipe(vc(base), actions.map(buildAction)));
  }

  /** `items` (or 3.1 `prefixItems` / draft-4 tuple `items`) with count and uniqueness checks. */
  private array(node: Node, pointer: Pointer): Expr {
    const items = node['items'];
    const prefix = Array.isArray(node['prefixItems']) ? node['prefixItems'] : Array.isArray(items) ? items : undefined;
    let base: Expr;
    if (prefix) {
      const prefixKey = Array.isArray(node['prefixItems']) ? 'prefixItems' : 'items';
      // prefixItems do not require the array to be that long: every position is optional.
      const members = list(prefix.map((item, i) => vOptional(this.convert(item, child(pointer, prefixKey, i)))));
      const rest = prefixKey === 'prefixItems' ? items : node['additionalItems'];
      if (rest === false) base = vc('strictTuple', members);
      else if (rest === undefined || rest === true || (isRecord(rest) && !hasValidation(rest))) base = vc('looseTuple', members);
      else base = vc('tupleWithRest', members, this.convert(rest, child(pointer, prefixKey === 'prefixItems' ? 'items' : 'additionalItems')));
    } else {
      base = vc('array', items === undefined ? vUnknown() : this.convert(items, child(pointer, 'items')));
    }
    const actions: Expr[] = [];
    if (isCount(node['minItems']) && node['minItems'] > 0) actions.push(vc('minLength', num(node['minItems'])));
    if (isCount(node['maxItems'])) actions.push(vc('maxLength', num(node['maxItems'])));
    if (node['uniqueItems'] === true && !prefix && this.isPrimitiveSchema(items)) actions.push(uniqueCheck());
    return vPipe(base, actions);
  }

  /**
   * Objects keep unknown keys (`v.looseObject`) unless `additionalProperties` says otherwise:
   * a schema → `v.objectWithRest`, `false` → `v.strictObject`. `patternProperties` is not
   * checked, and (since its keys are exempt from `additionalProperties`) makes the object loose.
   */
  object(node: Node, pointer: Pointer): Expr {
    const properties = isRecord(node['properties']) ? node['properties'] : {};
    const required = new Set(Array.isArray(node['required']) ? node['required'].filter((key) => typeof key === 'string') : []);
    const props: Array<[string, Expr]> = [];
    for (const [key, schema] of Object.entries(properties)) {
      const expr = this.convert(schema, child(pointer, 'properties', key));
      props.push([key, required.has(key) && !this.isOptionalProperty(schema) ? expr : vOptional(expr)]);
    }
    // A required key the object does not describe must still be present (with any value).
    for (const key of required) if (!Object.prototype.hasOwnProperty.call(properties, key)) props.push([key, vUnknown()]);

    const additional = additionalMode(node);
    let base: Expr;
    if (additional === 'strict') base = vObject('strictObject', entries(props));
    else if (additional === 'loose') {
      base = props.length > 0 ? vObject('looseObject', entries(props)) : vc('record', vc('string'), vUnknown());
    } else {
      const rest = this.convert(node['additionalProperties'], child(pointer, 'additionalProperties'));
      base = props.length > 0 ? vObject('objectWithRest', entries(props), rest) : vc('record', vc('string'), rest);
    }
    const actions: Expr[] = [];
    if (isCount(node['minProperties']) && node['minProperties'] > 0) actions.push(vc('minEntries', num(node['minProperties'])));
    if (isCount(node['maxProperties'])) actions.push(vc('maxEntries', num(node['maxProperties'])));
    return vPipe(base, actions);
  }

  /** `allOf` members that validate something (annotation-only members are skipped). */
  private allOf(node: Node, pointer: Pointer): { parts: Expr[]; nullable: boolean } {
    const members = node['allOf'];
    if (!Array.isArray(members)) return { parts: [], nullable: false };
    const parts: Expr[] = [];
    let nullable = false;
    members.forEach((member, i) => {
      if (isRecord(member) && !hasValidation(member)) return;
      // `allOf: [{$ref: X}, {nullable: true}]` is a common way to say "X or null".
      if (isRecord(member) && Object.keys(member).every((key) => key === 'nullable' || !VALIDATION_KEYWORDS.has(key))) {
        nullable ||= member['nullable'] === true;
        return;
      }
      parts.push(this.convert(member, child(pointer, 'allOf', i)));
    });
    return { parts, nullable };
  }

  /**
   * `oneOf` / `anyOf` → `v.union` (valibot takes the first member that matches; "exactly one" is
   * not enforced), or `v.variant` when a discriminator allows it. `null`-only members make the
   * whole nullable instead of being union members.
   */
  private union(node: Node, pointer: Pointer): { expr: Expr | undefined; nullable: boolean } {
    const exprs: Expr[] = [];
    let nullable = false;
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const members = node[keyword];
      if (!Array.isArray(members) || members.length === 0) continue;
      const kept: Array<{ node: unknown; pointer: Pointer }> = [];
      members.forEach((member, i) => {
        if (this.isNullMember(member)) nullable = true;
        else kept.push({ node: member, pointer: child(pointer, keyword, i) });
      });
      if (kept.length === 0) {
        exprs.push(vc('null'));
        continue;
      }
      const variant = isRecord(node['discriminator']) ? tryVariant(this, node, pointer, kept) : undefined;
      exprs.push(variant ?? vUnion(kept.map((member) => this.convert(member.node, member.pointer))));
    }
    if (exprs.length === 0) return { expr: undefined, nullable };
    return { expr: vAllOf(exprs), nullable };
  }

  /** A member admitting only null, directly or through `$ref`s. */
  private isNullMember(member: unknown): boolean {
    return isNullOnly(this.follow(member));
  }

  /** Follows a chain of `$ref`s to the node it ends at (undefined when it does not resolve). */
  follow(node: unknown): unknown {
    let current = node;
    for (let hops = 0; hops < 32 && isRecord(current) && typeof current['$ref'] === 'string'; hops++) {
      const target = this.ctx.index.resolve(current['$ref']);
      if (!target) return undefined;
      current = target.node;
    }
    return current;
  }

  /**
   * Whether a required property may still be missing: `readOnly` ones are absent from requests
   * and `writeOnly` ones from responses (one const serves both directions, so both are optional
   * everywhere: never stricter than either direction's types), and a `default` may be omitted.
   * Seen through `$ref`s and `allOf` members (`allOf: [{ $ref }, { readOnly: true }]`).
   */
  isOptionalProperty(schema: unknown, depth = 0): boolean {
    if (!isRecord(schema) || depth > 32) return false;
    if (schema['readOnly'] === true || schema['writeOnly'] === true || 'default' in schema) return true;
    if (typeof schema['$ref'] === 'string' && this.isOptionalProperty(this.ctx.index.resolve(schema['$ref'])?.node, depth + 1)) return true;
    const members = schema['allOf'];
    return Array.isArray(members) && members.some((member) => this.isOptionalProperty(member, depth + 1));
  }

  /** Whether array items are primitives, so that a `Set` can check `uniqueItems`. */
  private isPrimitiveSchema(items: unknown): boolean {
    const node = this.follow(items);
    if (!isRecord(node)) return false;
    if (Array.isArray(node['enum'])) return node['enum'].every(isPrimitive);
    const type = node['type'];
    const types = typeof type === 'string' ? [type] : Array.isArray(type) ? type : [];
    return types.length > 0 && types.every((t) => t === 'string' || t === 'number' || t === 'integer' || t === 'boolean' || t === 'null');
  }
}

/**
 * `multipleOf` by division, as JSON Schema validators do (`%` is both wrong and stricter:
 * 0.07 % 0.01 ≠ 0, and 2 ** 60 % 3 = 1 although, in doubles, 2 ** 60 / 3 is whole). An integer
 * divisor: `v.check((input) => Number.isInteger(input / 3), …)`. A fraction: the quotient is
 * rounded to 12 significant digits first, so 0.07 is a multiple of 0.01:
 * `v.check((input) => Number.isInteger(Number((input / 0.01).toPrecision(12))), 'Invalid multiple of 0.01')`
 */
const MULTIPLE_OF = 'multipleOfByDivision';

function buildAction([fn, ...args]: ActionSpec): Expr {
  if (fn === MULTIPLE_OF) return multipleOfCheck(args[0] as number);
  return vc(fn, ...args.map((arg) => (arg instanceof RegExp ? regexLiteral(arg) : typeof arg === 'number' ? num(arg) : str(arg))));
}

const HINT_TAGS: Record<string, string> = {
  minCodePoints: 'Min', maxCodePoints: 'Max', minValue: 'Min', maxValue: 'Max', gtValue: 'Gt', ltValue: 'Lt',
  [MULTIPLE_OF]: 'MultipleOf', regex: 'Pattern',
};

/** A readable name for a shared leaf: `uriString`, `integerMin1Max100`, `stringMax255Pattern`. */
function leafHint(base: string, actions: readonly ActionSpec[]): string {
  let hint = base;
  for (const [fn, arg] of actions) {
    const tag = HINT_TAGS[fn];
    if (tag === undefined) continue;
    hint += typeof arg === 'number' ? `${tag}${String(arg).replace(/^-/, 'Neg').replace(/[^0-9A-Za-z]/g, '_')}` : tag;
  }
  return hint;
}

const camelCase = (text: string): string => {
  const pascal = pascalCase(text);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
};

function multipleOfCheck(divisor: number): Expr {
  const division = binary(id('input'), ts.SyntaxKind.SlashToken, num(divisor));
  const quotient = Number.isInteger(divisor)
    ? division
    : f.createCallExpression(id('Number'), undefined, [
        f.createCallExpression(prop(f.createParenthesizedExpression(division), 'toPrecision'), undefined, [num(12)]),
      ]);
  const whole = f.createCallExpression(prop(id('Number'), 'isInteger'), undefined, [quotient]);
  return vc('check', arrow('input', whole), str(`Invalid multiple of ${divisor}`));
}

/** `v.check((input) => new Set(input).size === input.length, 'Items are not unique')`. */
function uniqueCheck(): Expr {
  const size = prop(newExpr('Set', [id('input')]), 'size');
  const body = binary(size, ts.SyntaxKind.EqualsEqualsEqualsToken, prop(id('input'), 'length'));
  return vc('check', arrow('input', body), str('Items are not unique'));
}
