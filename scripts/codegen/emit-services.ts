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

/** `[Op]`, or `[Op, true]` for a paginated operation (which gives it `.pages`/`.all`). */
function methodTypeArgs(op: OperationModel): ts.TypeNode[] {
  return op.pagination ? [operationType(op), f.createLiteralTypeNode(f.createTrue())] : [operationType(op)];
}

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
        typeRef('OperationMethod', methodTypeArgs(op)),
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
    service.operations.map((op) => [op.name, call(access('runtime.operation'), [access(`op.${op.exportName}`)], methodTypeArgs(op))] as const),
  );
  const fn = exportFunction(factoryName(service), [['runtime', typeRef('Runtime')]], typeRef(service.typeName), [f.createReturnStatement(body)]);
  return withDoc(fn, [`Binds the \`${service.tag}\` operations to a runtime.`]);
}

/** `createOrdersService` for the `orders` service. */
export const factoryName = (service: ServiceModel): string => `create${service.typeName}`;

/** Renders the services module. */
export function emitServices(model: Pick<ApiModel, 'services'>, runtimeImport: string): ts.Statement[] {
  const statements: ts.Statement[] = [
    importDecl('./schema.js', { named: ['paths'], typeOnly: true }),
    importDecl(runtimeImport, { named: ['OperationMethod', 'Runtime'], typeOnly: true }),
    importDecl('./operations.js', { namespace: 'op' }),
  ];
  for (const service of model.services) statements.push(serviceInterface(service), serviceFactory(service));
  return statements;
}
