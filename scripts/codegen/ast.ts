/**
 * The one emitter every generated file goes through: thin helpers over `ts.factory`, so
 * generated code is built as a syntax tree and printed once, never glued from strings.
 */
import ts from 'typescript';

const f = ts.factory;

export type Expr = ts.Expression;

/** A generated name that is not an identifier reached the printer: a generator bug, never printed. */
export class InvalidIdentifierError extends Error {
  override readonly name = 'InvalidIdentifierError';

  constructor(readonly identifier: string) {
    super(`internal: ${JSON.stringify(identifier)} is not a valid identifier`);
  }
}

function isIdentifierText(name: string): boolean {
  let first = true;
  for (const char of name) {
    const code = char.codePointAt(0)!;
    if (!(first ? ts.isIdentifierStart(code, ts.ScriptTarget.ES2020) : ts.isIdentifierPart(code, ts.ScriptTarget.ES2020))) return false;
    first = false;
  }
  return !first;
}

/** An identifier node; refuses anything that is not one, so spec text can never print as code. */
export function id(name: string): ts.Identifier {
  if (!isIdentifierText(name)) throw new InvalidIdentifierError(name);
  return f.createIdentifier(name);
}

/** A string literal. */
export const str = (value: string): ts.StringLiteral => f.createStringLiteral(value);

/** A numeric literal; negatives become a prefix minus so the printer stays valid. */
export function num(value: number): Expr {
  if (value < 0 || Object.is(value, -0)) {
    return f.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, f.createNumericLiteral(String(-value)));
  }
  return f.createNumericLiteral(String(value));
}

/** A bigint literal (`123n`); literals keep esbuild able to prove purity (evanw/esbuild#4369). */
export const bigint = (value: bigint): Expr => f.createBigIntLiteral(`${value}n`);

/** `true` / `false`. */
export const bool = (value: boolean): Expr => (value ? f.createTrue() : f.createFalse());

/** `null`. */
export const nul = (): Expr => f.createNull();

/** `undefined`. */
export const undef = (): Expr => f.createIdentifier('undefined');

/** A JSON-like value as a literal expression (objects, arrays, strings, numbers, booleans, null). */
export function literal(value: unknown): Expr {
  if (value === null) return nul();
  if (value === undefined) return undef();
  if (typeof value === 'string') return str(value);
  if (typeof value === 'number') return num(value);
  if (typeof value === 'bigint') return bigint(value);
  if (typeof value === 'boolean') return bool(value);
  if (Array.isArray(value)) return arr(value.map(literal));
  if (typeof value === 'object') {
    return obj(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, literal(v)] as const));
  }
  throw new TypeError(`cannot emit a literal for ${typeof value}`);
}

/** An array literal; multi-line when long. */
export const arr = (items: readonly Expr[]): Expr => f.createArrayLiteralExpression(items, items.length > 4);

const IDENT_RE = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property name: a bare identifier where valid, else a quoted string. */
export function propName(name: string): ts.PropertyName {
  return IDENT_RE.test(name) ? f.createIdentifier(name) : f.createStringLiteral(name);
}

/**
 * A key for an object literal. `__proto__: x` (bare or quoted) sets the prototype instead of
 * defining a property, so that one key is written computed: `["__proto__"]: x`.
 */
export function literalKey(name: string): ts.PropertyName {
  return name === '__proto__' ? f.createComputedPropertyName(f.createStringLiteral(name)) : propName(name);
}

/** An object literal from `[key, value]` entries, in the order given. */
export function obj(entries: ReadonlyArray<readonly [string, Expr]>, multiLine = true): Expr {
  return f.createObjectLiteralExpression(
    entries.map(([key, value]) => f.createPropertyAssignment(literalKey(key), value)),
    multiLine && entries.length > 0,
  );
}

/** `a.b.c` from a dotted path. */
export function access(path: string): Expr {
  const [head, ...rest] = path.split('.');
  let node: Expr = id(head!);
  for (const part of rest) node = f.createPropertyAccessExpression(node, id(part));
  return node;
}

/** `callee(...args)`; `callee` may be dotted (`v.object`). */
export const call = (callee: string | Expr, args: readonly Expr[] = [], typeArgs?: readonly ts.TypeNode[]): Expr =>
  f.createCallExpression(typeof callee === 'string' ? access(callee) : callee, typeArgs, args);

/** Marks an expression `/* @__PURE__ *\/` so bundlers may drop it when unused. */
export function pure<T extends ts.Node>(node: T): T {
  return ts.addSyntheticLeadingComment(node, ts.SyntaxKind.MultiLineCommentTrivia, ' @__PURE__ ', false);
}

/** `() => body`. */
export const thunk = (body: Expr): Expr =>
  f.createArrowFunction(undefined, undefined, [], undefined, f.createToken(ts.SyntaxKind.EqualsGreaterThanToken), body);

/** A type reference `Name<Args>`; `name` may be dotted (`v.GenericSchema`). */
export function typeRef(name: string, args?: readonly ts.TypeNode[]): ts.TypeNode {
  const parts = name.split('.');
  let entity: ts.EntityName = id(parts[0]!);
  for (const part of parts.slice(1)) entity = f.createQualifiedName(entity, id(part));
  return f.createTypeReferenceNode(entity, args);
}

/** An indexed access type `T['a']['b']`. */
export function indexed(base: ts.TypeNode, keys: readonly string[]): ts.TypeNode {
  let node = base;
  for (const key of keys) node = f.createIndexedAccessTypeNode(node, f.createLiteralTypeNode(str(key)));
  return node;
}

/** `export const name: type = init;` (type optional). */
export function exportConst(name: string, init: Expr, type?: ts.TypeNode): ts.VariableStatement {
  return f.createVariableStatement(
    [f.createModifier(ts.SyntaxKind.ExportKeyword)],
    f.createVariableDeclarationList([f.createVariableDeclaration(id(name), undefined, type, init)], ts.NodeFlags.Const),
  );
}

/** `export function name(param: Type, …): Returns { …statements }`. */
export function exportFunction(
  name: string,
  params: ReadonlyArray<readonly [string, ts.TypeNode]>,
  returns: ts.TypeNode,
  statements: readonly ts.Statement[],
): ts.FunctionDeclaration {
  return f.createFunctionDeclaration(
    [f.createModifier(ts.SyntaxKind.ExportKeyword)],
    undefined,
    id(name),
    undefined,
    params.map(([param, type]) => f.createParameterDeclaration(undefined, undefined, id(param), undefined, type)),
    returns,
    f.createBlock(statements, true),
  );
}

/** `import { a, type B } from 'x';` or `import * as ns from 'x';` or `import type { … }`. */
export function importDecl(
  from: string,
  spec: { named?: ReadonlyArray<string | { name: string; type: true }>; namespace?: string; typeOnly?: boolean },
): ts.ImportDeclaration {
  let bindings: ts.NamedImportBindings | undefined;
  if (spec.namespace) bindings = f.createNamespaceImport(id(spec.namespace));
  else {
    bindings = f.createNamedImports(
      (spec.named ?? []).map((entry) =>
        typeof entry === 'string'
          ? f.createImportSpecifier(false, undefined, id(entry))
          : f.createImportSpecifier(entry.type, undefined, id(entry.name)),
      ),
    );
  }
  return f.createImportDeclaration(
    undefined,
    f.createImportClause(spec.typeOnly ?? false, undefined, bindings),
    str(from),
  );
}

/** `export { a, b } from 'x';` / `export * from 'x';` / `export type { … } from 'x'`. */
export function reexport(from: string, names?: readonly string[], typeOnly = false): ts.ExportDeclaration {
  return f.createExportDeclaration(
    undefined,
    typeOnly,
    names ? f.createNamedExports(names.map((n) => f.createExportSpecifier(false, undefined, id(n)))) : undefined,
    str(from),
  );
}

/**
 * Attaches a JSDoc block. Text is sanitised so spec prose can never close the comment early
 * (a description containing `*\/` would otherwise end the comment and inject code), and every
 * line terminator JS knows (CR, LF, U+2028, U+2029) starts a new ` * ` line.
 */
export function withDoc<T extends ts.Node>(node: T, lines: readonly string[]): T {
  const clean = lines
    .flatMap((line) => line.split(/\r\n|[\r\n\u2028\u2029]/))
    .map((line) => line.replace(/\*\//g, '*\\/').trimEnd());
  while (clean.length > 0 && clean[clean.length - 1] === '') clean.pop();
  if (clean.length === 0) return node;
  const body = clean.length === 1 ? `* ${clean[0]} ` : `*\n${clean.map((l) => (l ? ` * ${l}` : ' *')).join('\n')}\n `;
  return ts.addSyntheticLeadingComment(node, ts.SyntaxKind.MultiLineCommentTrivia, body, true);
}

const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: false });

/** Prints statements as one module's source text. */
export function print(statements: readonly ts.Statement[]): string {
  const file = ts.factory.createSourceFile(
    statements,
    f.createToken(ts.SyntaxKind.EndOfFileToken),
    ts.NodeFlags.None,
  );
  const scratch = ts.createSourceFile('generated.ts', '', ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: string[] = [];
  for (const statement of file.statements) {
    out.push(printer.printNode(ts.EmitHint.Unspecified, statement, scratch));
  }
  return out.join('\n') + '\n';
}

export { ts, f };
