/**
 * The spec-typed options of a generated `index.ts`: `Credentials` (one optional property per
 * API-key, Basic or other HTTP scheme, named as the spec names it) and `SdkOptions`, the
 * runtime's options with `credentials` narrowed to it. So a misspelt scheme, a string where
 * Basic wants `{ username, password }`, or credentials for an API that declares none, do not
 * compile. The local `SdkOptions` shadows the runtime's in the `export *` re-export, so an app
 * importing `SdkOptions` from the SDK gets the type `createSdk` takes.
 */
import { f, propName, typeRef, withDoc, ts } from './ast.js';
import type { SecuritySchemeModel } from './collect-security.js';

/** The runtime's own options type, imported under this name by index.ts. */
export const RUNTIME_OPTIONS = 'RuntimeSdkOptions';

/** The runtime types the statements below refer to (imported from the public API). */
export const CREDENTIAL_TYPES = ['Credential', 'BasicCredentials'] as const;

const readonly = () => [f.createModifier(ts.SyntaxKind.ReadonlyKeyword)];

/** `export type Credentials = {…}` and `export interface SdkOptions extends Omit<RuntimeSdkOptions, 'credentials'> {…}`. */
export function emitCredentialTypes(schemes: Readonly<Record<string, SecuritySchemeModel>>, title: string): ts.Statement[] {
  const members = Object.entries(schemes).flatMap(([name, scheme]) => {
    const value = credentialType(scheme);
    if (!value) return [];
    const property = f.createPropertySignature(readonly(), propName(name), f.createToken(ts.SyntaxKind.QuestionToken), typeRef('Credential', [value]));
    return [withDoc(property, [`${describe(scheme)}: ${scheme.kind === 'basic' ? '`{ username, password }`' : 'the credential'}, or a function returning it (sync or async), called for every request that sends it.`])];
  });
  // No scheme the app configures: an index signature of `never` refuses any name (an empty
  // object type would not, since excess-property checks skip `{}`).
  const shape =
    members.length > 0
      ? f.createTypeLiteralNode(members)
      : typeRef('Record', [f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword), f.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword)]);
  const credentials = withDoc(
    f.createTypeAliasDeclaration([f.createModifier(ts.SyntaxKind.ExportKeyword)], 'Credentials', undefined, shape),
    [
      members.length > 0
        ? `Credentials for ${title}'s API-key and HTTP security schemes, by the spec's scheme names; tokens (bearer, OAuth 2, OpenID Connect) go through \`auth.tokenStore\`.`
        : `${title} declares no API-key or HTTP Basic scheme; tokens (if any) go through \`auth.tokenStore\`.`,
    ],
  );
  const options = withDoc(
    f.createInterfaceDeclaration(
      [f.createModifier(ts.SyntaxKind.ExportKeyword)],
      'SdkOptions',
      undefined,
      [
        f.createHeritageClause(ts.SyntaxKind.ExtendsKeyword, [
          f.createExpressionWithTypeArguments(f.createIdentifier('Omit'), [typeRef(RUNTIME_OPTIONS), f.createLiteralTypeNode(f.createStringLiteral('credentials'))]),
        ]),
      ],
      [
        withDoc(f.createPropertySignature(readonly(), 'credentials', f.createToken(ts.SyntaxKind.QuestionToken), typeRef('Credentials')), [
          'Credentials by security scheme name; default none. A call whose security requirement needs one that is missing fails with VALIDATION before anything is sent.',
        ]),
      ],
    ),
    [`Options of \`createSdk\` and \`createClient\`: the runtime's, with \`credentials\` typed for ${title}.`],
  );
  return [credentials, options];
}

function credentialType(scheme: SecuritySchemeModel): ts.TypeNode | undefined {
  if (scheme.kind === 'basic') return typeRef('BasicCredentials');
  if (scheme.kind === 'apiKey' || (scheme.kind === 'http' && scheme.scheme.toLowerCase() !== 'digest')) return f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword);
  return undefined;
}

function describe(scheme: SecuritySchemeModel): string {
  if (scheme.kind === 'apiKey') return `API key sent in ${scheme.in} \`${scheme.name}\``;
  if (scheme.kind === 'basic') return 'HTTP Basic';
  return `HTTP \`${scheme.kind === 'http' ? scheme.scheme : scheme.kind}\` (\`Authorization: ${scheme.kind === 'http' ? scheme.scheme : ''} <credential>\`)`;
}
