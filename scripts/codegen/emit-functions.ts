/**
 * `functions.ts`: the tree-shakable form, one standalone function per operation
 * (`getOrder(client, init?, options?)`), typed like the `sdk.<tag>.<op>` method of the same
 * operation. Each is one `/* @__PURE__ *\/` call with no other top-level statement touching it,
 * so a bundler drops every function an app does not import, with its metadata and validators.
 */
import { access, call, exportConst, importDecl, pure, withDoc, ts } from './ast.js';
import { eventDataType, operationDoc, operationType } from './emit-services.js';
import type { ApiModel, OperationModel } from './model.js';

/**
 * `defineOperation<Op>(op.x)`, `definePagedOperation` for a paginated list (adds the pagers),
 * or `defineEventStream<Op, Data>` for a `text/event-stream` answer.
 */
function definition(op: OperationModel): ts.Expression {
  if (op.eventStream) return pure(call('defineEventStream', [access(`op.${op.exportName}`)], [operationType(op), eventDataType(op.eventStream)]));
  const factory = op.pagination ? 'definePagedOperation' : 'defineOperation';
  return pure(call(factory, [access(`op.${op.exportName}`)], [operationType(op)]));
}

/** The method's JSDoc plus where its `sdk.<tag>.<op>` twin is; `@deprecated` stays last. */
function functionDoc(op: OperationModel): string[] {
  const lines = operationDoc(op);
  const deprecated = lines[lines.length - 1]?.startsWith('@deprecated') ? lines.splice(-1) : [];
  return [...lines, '', `Standalone form of \`sdk.${op.service}.${op.name}\`: the client from \`createClient\` comes first.`, ...deprecated];
}

/** Renders the functions module (only for a spec with operations). */
export function emitFunctions(model: Pick<ApiModel, 'operations'>, clientImport: string): ts.Statement[] {
  const streams = model.operations.some((op) => op.eventStream);
  const paged = model.operations.some((op) => op.pagination && !op.eventStream);
  const plain = model.operations.some((op) => !op.pagination && !op.eventStream);
  const components = model.operations.some((op) => op.eventStream?.data?.component !== undefined);
  const statements: ts.Statement[] = [
    importDecl('./schema.js', { named: components ? ['components', 'paths'] : ['paths'], typeOnly: true }),
    importDecl(clientImport, { named: [...(plain ? ['defineOperation'] : []), ...(paged ? ['definePagedOperation'] : []), ...(streams ? ['defineEventStream'] : [])] }),
    importDecl('./operations.js', { namespace: 'op' }),
  ];
  for (const op of model.operations) {
    statements.push(withDoc(exportConst(op.exportName, definition(op)), functionDoc(op)));
  }
  return statements;
}
