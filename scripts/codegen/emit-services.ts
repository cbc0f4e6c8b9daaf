/**
 * `services.ts`: one interface and one factory per tag, one method per operation. Methods only
 * declare; every behaviour (retries, auth, validation) lives in the runtime they call into.
 */
import { access, call, exportFunction, f, id, importDecl, indexed, obj, propName, typeRef, withDoc, ts } from './ast.js';
import type { ApiModel, OperationModel, ServiceModel } from './model.js';

/** The type `paths['/orders/{orderId}']['get']` for an operation. */
export function operationType(op: OperationModel): ts.TypeNode {
  return indexed(typeRef('paths'), [op.path, op.method]);
}

/**
 * `[Op]`, or `[Op, true]` for a paginated operation (which gives it `.pages`/`.all`); for an
 * event-stream operation `[Op, Data]`, the type of each event's data.
 */
function methodTypeArgs(op: OperationModel): ts.TypeNode[] {
  if (op.eventStream) return [operationType(op), eventDataType(op.eventStream)];
  return op.pagination ? [operationType(op), f.createLiteralTypeNode(f.createTrue())] : [operationType(op)];
}

/** `components['schemas']['X']` for a component, `unknown` for an inline schema, `string` (raw text) without one. */
export function eventDataType(stream: NonNullable<OperationModel['eventStream']>): ts.TypeNode {
  if (stream.data === undefined) return f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword);
  if (stream.data.component === undefined) return f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword);
  return indexed(typeRef('components'), ['schemas', stream.data.component]);
}

/** The runtime type and binder of a method: event streams have their own. */
const methodKind = (op: OperationModel) => (op.eventStream ? { type: 'EventStreamMethod', bind: 'runtime.eventStream' } : { type: 'OperationMethod', bind: 'runtime.operation' });

/** JSDoc for a method: summary, description, deprecation, and the HTTP route. */
export function operationDoc(op: OperationModel): string[] {
  const lines: string[] = [];
  if (op.summary) lines.push(op.summary.trim());
  if (op.description && op.description.trim() !== op.summary?.trim()) {
    if (lines.length > 0) lines.push('');
    lines.push(op.description.trim());
  }
  if (lines.length > 0) lines.push('');
  lines.push(`\`${op.method.toUpperCase()} ${op.path}\``);
  if (op.deprecated) lines.push('@deprecated This operation is deprecated by the API.');
  return lines;
}

function serviceInterface(service: ServiceModel): ts.Statement {
  const members = service.operations.map((op) =>
    withDoc(
      f.createPropertySignature(
        [f.createModifier(ts.SyntaxKind.ReadonlyKeyword)],
        propName(op.name),
        undefined,
        typeRef(methodKind(op).type, methodTypeArgs(op)),
      ),
      operationDoc(op),
    ),
  );
  const decl = f.createInterfaceDeclaration([f.createModifier(ts.SyntaxKind.ExportKeyword)], id(service.typeName), undefined, undefined, members);
  const doc = [service.description?.trim() || `Operations tagged \`${service.tag}\`.`];
  return withDoc(decl, doc);
}

function serviceFactory(service: ServiceModel): ts.Statement {
  const body = obj(
    service.operations.map((op) => [op.name, call(access(methodKind(op).bind), [access(`op.${op.exportName}`)], methodTypeArgs(op))] as const),
  );
  const fn = exportFunction(factoryName(service), [['runtime', typeRef('Runtime')]], typeRef(service.typeName), [f.createReturnStatement(body)]);
  return withDoc(fn, [`Binds the \`${service.tag}\` operations to a runtime.`]);
}

/** `createOrdersService` for the `orders` service. */
export const factoryName = (service: ServiceModel): string => `create${service.typeName}`;

/** Renders the services module. */
export function emitServices(model: Pick<ApiModel, 'services'>, runtimeImport: string): ts.Statement[] {
  const operations = model.services.flatMap((s) => s.operations);
  const streams = operations.some((op) => op.eventStream);
  const components = operations.some((op) => op.eventStream?.data?.component !== undefined);
  const statements: ts.Statement[] = [
    importDecl('./schema.js', { named: components ? ['components', 'paths'] : ['paths'], typeOnly: true }),
    importDecl(runtimeImport, { named: [...(streams ? ['EventStreamMethod'] : []), 'OperationMethod', 'Runtime'], typeOnly: true }),
    importDecl('./operations.js', { namespace: 'op' }),
  ];
  for (const service of model.services) statements.push(serviceInterface(service), serviceFactory(service));
  return statements;
}
