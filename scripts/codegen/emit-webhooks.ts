/**
 * `webhooks.ts` (only for specs with OpenAPI 3.1 `webhooks`): one typed, validating parser per
 * webhook, `webhooks.orderShipped.parse(body)`, plus the `WebhookPayloads` types by name.
 * Each parser is also its own top-level `/* @__PURE__ *\/` const (`orderShippedWebhook`), so
 * an app that handles one webhook does not bundle the validators of the others.
 */
import { access, call, exportConst, f, id, importDecl, indexed, literal, obj, pure, str, typeRef, undef, withDoc, ts, type Expr } from './ast.js';
import type { OperationModel, WebhookModel } from './model.js';

/** The schema type of the spec's webhooks, imported under a name no generated export can take. */
const SPEC_WEBHOOKS = 'SpecWebhooks';

/** Validators-emitter input for the webhooks: each payload as a pseudo-operation's request body. */
export function webhookValidatorInputs(
  webhooks: readonly WebhookModel[],
): Array<Pick<OperationModel, 'exportName' | 'pointer' | 'requestBody' | 'responses' | 'parameters'>> {
  return webhooks.map((hook) => ({ exportName: hook.exportName, pointer: hook.pointer, requestBody: hook.body, responses: [], parameters: [] }));
}

/** JSDoc for a parser: summary, description, the webhook as the spec names it, deprecation. */
function webhookDoc(hook: WebhookModel): string[] {
  const lines: string[] = [];
  if (hook.summary) lines.push(hook.summary.trim());
  if (hook.description && hook.description.trim() !== hook.summary?.trim()) {
    if (lines.length > 0) lines.push('');
    lines.push(hook.description.trim());
  }
  if (lines.length > 0) lines.push('');
  lines.push(`\`${hook.method.toUpperCase()}\` webhook \`${hook.key}\`: \`parse(body)\` → the typed payload, or a VALIDATION NetworkError.`);
  if (hook.deprecated) lines.push('@deprecated This webhook is deprecated by the API.');
  return lines;
}

const payloadType = (hook: WebhookModel): ts.TypeNode => indexed(typeRef('WebhookPayloads'), [hook.name]);

/**
 * Renders the webhooks module. `validators` maps each webhook's export name to the validator
 * const of its payload (from the validators emitter), when it has a JSON schema.
 */
export function emitWebhooks(
  webhooks: readonly WebhookModel[],
  validators: Readonly<Record<string, { body?: string }>>,
  runtimeImport: string,
): ts.Statement[] {
  const usesValidators = webhooks.some((hook) => validators[hook.exportName]?.body !== undefined);
  const statements: ts.Statement[] = [
    f.createImportDeclaration(
      undefined,
      f.createImportClause(true, undefined, f.createNamedImports([f.createImportSpecifier(false, id('webhooks'), id(SPEC_WEBHOOKS))])),
      str('./schema.js'),
    ),
    importDecl(runtimeImport, { named: ['defineWebhook', { name: 'WebhookParser', type: true }, { name: 'WebhookPayload', type: true }] }),
  ];
  if (usesValidators) statements.push(importDecl('./validators.js', { namespace: 'v' }));

  const members = webhooks.map((hook) =>
    withDoc(
      f.createPropertySignature(
        [f.createModifier(ts.SyntaxKind.ReadonlyKeyword)],
        id(hook.name),
        undefined,
        typeRef('WebhookPayload', [indexed(typeRef(SPEC_WEBHOOKS), [hook.key, hook.method])]),
      ),
      [hook.summary?.trim() || `Payload of webhook \`${hook.key}\`.`],
    ),
  );
  statements.push(
    withDoc(f.createInterfaceDeclaration([f.createModifier(ts.SyntaxKind.ExportKeyword)], 'WebhookPayloads', undefined, undefined, members), [
      'The payload of each webhook, by name, as the API sends it (writeOnly fields dropped).',
    ]),
  );

  for (const hook of webhooks) {
    const schema = validators[hook.exportName]?.body;
    const meta = obj([
      ['name', str(hook.name)],
      ['key', str(hook.key)],
      ['method', str(hook.method)],
      ['contentType', literal(hook.body.contentType)],
      ['schema', schema === undefined ? undef() : access(`v.${schema}`)],
    ]);
    const init: Expr = pure(call('defineWebhook', [meta], [payloadType(hook)]));
    statements.push(withDoc(exportConst(hook.exportName, init, typeRef('WebhookParser', [payloadType(hook)])), webhookDoc(hook)));
  }

  const all = obj(webhooks.map((hook) => [hook.name, id(hook.exportName)] as const));
  statements.push(
    withDoc(exportConst('webhooks', f.createAsExpression(all, typeRef('const'))), [
      'Every webhook parser, by name: `webhooks.<name>.parse(body)` or `.safeParse(body)`.',
    ]),
  );
  return statements;
}

/** What index.ts re-exports from webhooks.ts: values, then types. */
export function webhookExports(webhooks: readonly WebhookModel[]): { values: string[]; types: string[] } {
  return { values: ['webhooks', ...webhooks.map((hook) => hook.exportName)], types: ['WebhookPayloads'] };
}
