/**
 * Valibot-flavoured helpers over ast.ts. Every `v.*(…)` call is marked `/* @__PURE__ *\/`, not
 * only the top-level one: esbuild keeps the arguments of a dropped pure call when they might have
 * side effects, and it cannot see that nested valibot calls have none (evanw/esbuild#4369).
 */
import { call, f, id, pure, str, thunk, ts, typeRef, type Expr } from '../ast.js';

/** The namespace generated code imports valibot as. */
export const NS = 'v';

const kinds = new WeakMap<ts.Node, 'unknown' | 'nullable'>();

/** `/* @__PURE__ *\/ v.<fn>(...args)`. */
export const vc = (fn: string, ...args: Expr[]): Expr => pure(call(`${NS}.${fn}`, args));

/** `v.GenericSchema` as a type node. */
export const genericSchemaType = (): ts.TypeNode => typeRef(`${NS}.GenericSchema`);

/**
 * `v.looseObject<v.ObjectEntries>({...})` (and strict / with rest): the explicit type argument
 * stops TypeScript from inferring a type that nests every inner object's entries. Without it,
 * checking the GitHub spec's large webhook payloads takes ~30 s; with it, each object's type is
 * the same small `LooseObjectSchema<ObjectEntries, undefined>` and the check is linear.
 */
export function vObject(kind: 'looseObject' | 'strictObject' | 'objectWithRest', props: Expr, rest?: Expr): Expr {
  const typeArgs = [typeRef(`${NS}.ObjectEntries`), ...(rest ? [genericSchemaType()] : [])];
  return pure(call(`${NS}.${kind}`, rest ? [props, rest] : [props], typeArgs));
}

export function vUnknown(): Expr {
  const node = vc('unknown');
  kinds.set(node, 'unknown');
  return node;
}

/** `v.nullable<v.GenericSchema>(expr)`, leaving `v.unknown()` and already-nullable schemas as they are. */
export function vNullable(expr: Expr): Expr {
  if (kinds.has(expr)) return expr;
  const node = pure(call(`${NS}.nullable`, [expr], [genericSchemaType()]));
  kinds.set(node, 'nullable');
  return node;
}

/**
 * `v.optional<v.GenericSchema>(expr)`. The explicit type argument (here and on `v.nullable`)
 * skips inference on the most frequent wrapper calls: it cuts `tsc` time on the GitHub spec by
 * about 40 %, and the consts are typed `v.GenericSchema` anyway.
 */
export const vOptional = (expr: Expr): Expr => pure(call(`${NS}.optional`, [expr], [genericSchemaType()]));

/** `v.pipe(base, ...actions)`, or `base` alone when there are no actions. */
export const vPipe = (base: Expr, actions: readonly Expr[]): Expr => (actions.length > 0 ? vc('pipe', base, ...actions) : base);

/** `v.lazy(() => name)`: a reference to a const that is not defined yet (forward or recursive). */
export const vLazy = (name: string): Expr => vc('lazy', thunk(id(name)));

/** `v.union([...])`, or the single member itself. */
export const vUnion = (members: readonly Expr[]): Expr => (members.length === 1 ? members[0]! : vc('union', list(members)));

/** `v.intersect([...])`, or the single member itself. */
export const vIntersect = (members: readonly Expr[]): Expr =>
  members.length === 1 ? members[0]! : vc('intersect', list(members));

/** An array literal, one element per line when there are several. */
export const list = (items: readonly Expr[]): Expr => f.createArrayLiteralExpression(items, items.length > 1);

/** A single-line array literal (for picklists and other short value lists). */
export const inlineList = (items: readonly Expr[]): Expr => f.createArrayLiteralExpression(items, false);

/**
 * An object literal whose keys are data (property names from the spec): identifiers stay bare,
 * anything else is quoted, and `__proto__` is written as a computed key so it stays a plain
 * property instead of setting the prototype.
 */
export function entries(items: ReadonlyArray<readonly [string, Expr]>): Expr {
  return f.createObjectLiteralExpression(
    items.map(([key, value]) => f.createPropertyAssignment(propertyKey(key), value)),
    items.length > 0,
  );
}

const IDENT_RE = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function propertyKey(key: string): ts.PropertyName {
  if (key === '__proto__') return f.createComputedPropertyName(str(key));
  return IDENT_RE.test(key) ? id(key) : str(key);
}

/** `(param) => body`. */
export const arrow = (param: string, body: Expr): Expr =>
  f.createArrowFunction(
    undefined,
    undefined,
    [f.createParameterDeclaration(undefined, undefined, id(param))],
    undefined,
    f.createToken(ts.SyntaxKind.EqualsGreaterThanToken),
    body,
  );

/**
 * A regular expression literal for a pattern that compiled with the `u` flag. `RegExp#source`
 * is, by specification, text that reads back as the same pattern inside `/…/` (slashes and line
 * terminators escaped), so the literal is built from it rather than from the raw spec text.
 */
export const regexLiteral = (re: RegExp): Expr => f.createRegularExpressionLiteral(`/${re.source}/${re.flags}`);

export const binary = (left: Expr, op: ts.BinaryOperator, right: Expr): Expr => f.createBinaryExpression(left, op, right);
export const prop = (target: Expr, name: string): Expr => f.createPropertyAccessExpression(target, name);
export const newExpr = (ctor: string, args: readonly Expr[]): Expr => f.createNewExpression(id(ctor), undefined, args);

/** `const name: type = init;` (module-private). */
export const localConst = (name: string, init: Expr, type: ts.TypeNode): ts.VariableStatement =>
  f.createVariableStatement(
    undefined,
    f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, type, init)], ts.NodeFlags.Const),
  );
