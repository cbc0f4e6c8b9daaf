/**
 * `components.securitySchemes` → the compact form the runtime sends credentials by
 * (src/auth/security-schemes.ts): API keys keep `in` and `name`, HTTP Basic and the token
 * schemes (bearer, oauth2, openIdConnect) only their kind, other HTTP schemes their name.
 * Flaws are warnings, not errors: a scheme the SDK cannot use is left out, and an operation
 * naming an undeclared scheme still generates (the runtime then sends nothing for it).
 * @see https://spec.openapis.org/oas/v3.1.0#security-scheme-object
 */
import { deref } from './refs.js';
import type { Diagnostics } from './model.js';
import { joinPointer } from './spec-error.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** One scheme as the runtime gets it (same shape as the runtime's `SecurityScheme`). */
export type SecuritySchemeModel =
  | { kind: 'apiKey'; in: 'header' | 'query' | 'cookie'; name: string }
  | { kind: 'basic' }
  | { kind: 'token' }
  | { kind: 'http'; scheme: string }
  | { kind: 'mutualTLS' };

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
// RFC 9110 token: what a header name or an auth-scheme may consist of.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The spec's security schemes by name, in document order; warns about unusable ones and unknown references. */
export function collectSecurity(document: Obj, diagnostics: Diagnostics): Record<string, SecuritySchemeModel> {
  const components = isObj(document.components) ? document.components : {};
  const declared = isObj(components.securitySchemes) ? components.securitySchemes : {};
  const out: Record<string, SecuritySchemeModel> = {};
  for (const name of Object.keys(declared)) {
    const pointer = joinPointer('#/components/securitySchemes', name);
    const { node } = deref(document, declared[name], pointer);
    const scheme = isObj(node) ? schemeOf(node, pointer, diagnostics) : undefined;
    if (scheme) out[name] = scheme;
    else if (!isObj(node)) diagnostics.warn(pointer, 'security scheme is not an object; left out of the SDK');
  }
  checkReferences(document, declared, diagnostics);
  return out;
}

function schemeOf(node: Obj, pointer: string, diagnostics: Diagnostics): SecuritySchemeModel | undefined {
  const type = node.type;
  if (type === 'apiKey') {
    const where = node.in;
    const name = node.name;
    if (where !== 'header' && where !== 'query' && where !== 'cookie') {
      diagnostics.warn(joinPointer(pointer, 'in'), 'apiKey scheme needs `in`: header, query or cookie; left out of the SDK');
      return undefined;
    }
    if (typeof name !== 'string' || name === '' || (where !== 'query' && !TOKEN.test(name))) {
      diagnostics.warn(joinPointer(pointer, 'name'), `apiKey scheme needs a valid ${where} name; left out of the SDK`);
      return undefined;
    }
    return { kind: 'apiKey', in: where, name };
  }
  if (type === 'http') {
    const scheme = typeof node.scheme === 'string' ? node.scheme.trim() : '';
    // Auth-scheme names are case-insensitive (RFC 9110 §11.1).
    if (scheme.toLowerCase() === 'basic') return { kind: 'basic' };
    if (scheme.toLowerCase() === 'bearer') return { kind: 'token' };
    if (!TOKEN.test(scheme)) {
      diagnostics.warn(joinPointer(pointer, 'scheme'), 'http scheme needs a valid `scheme` name; left out of the SDK');
      return undefined;
    }
    return { kind: 'http', scheme };
  }
  if (type === 'oauth2' || type === 'openIdConnect') return { kind: 'token' };
  if (type === 'mutualTLS') return { kind: 'mutualTLS' };
  diagnostics.warn(joinPointer(pointer, 'type'), `unknown security scheme type ${JSON.stringify(type)}; left out of the SDK`);
  return undefined;
}

/** Warns once per requirement that names a scheme `components.securitySchemes` lacks. */
function checkReferences(document: Obj, declared: Obj, diagnostics: Diagnostics): void {
  const check = (security: unknown, pointer: string) => {
    if (!Array.isArray(security)) return;
    security.forEach((requirement, i) => {
      if (!isObj(requirement)) return;
      for (const name of Object.keys(requirement)) {
        if (!Object.prototype.hasOwnProperty.call(declared, name)) {
          diagnostics.warn(joinPointer(pointer, i, name), `security requirement names ${JSON.stringify(name)}, which components.securitySchemes does not declare`);
        }
      }
    });
  };
  check(document.security, '#/security');
  const paths = isObj(document.paths) ? document.paths : {};
  for (const path of Object.keys(paths)) {
    const item = paths[path];
    if (!isObj(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (isObj(operation)) check(operation.security, joinPointer('#/paths', path, method, 'security'));
    }
  }
}
