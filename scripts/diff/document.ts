/**
 * Document-wide rules: servers (the base URLs apps are configured with) and security scheme
 * definitions (how a token is sent).
 * @see https://spec.openapis.org/oas/v3.1.0#server-object
 * @see https://spec.openapis.org/oas/v3.1.0#security-scheme-object
 */
import { joinPointer } from '../codegen/spec-error.js';
import type { Report } from './collector.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function servers(doc: Obj): Map<string, string> {
  const out = new Map<string, string>();
  if (!Array.isArray(doc.servers)) return out;
  doc.servers.forEach((server, index) => {
    if (isObj(server) && typeof server.url === 'string') out.set(server.url.replace(/\/+$/, ''), joinPointer('#/servers', index));
  });
  return out;
}

/** A server URL gone breaks apps configured with it; a new one breaks nothing. */
export function compareServers(oldDoc: Obj, newDoc: Obj, report: Report): void {
  const before = servers(oldDoc);
  const after = servers(newDoc);
  for (const [url, pointer] of before) {
    if (!after.has(url)) report({ rule: 'server', breaking: true, subject: 'server', message: `server ${url} removed: apps whose baseUrl points there must move`, oldPointer: pointer, newPointer: after.size > 0 ? '#/servers' : undefined, direction: undefined });
  }
  for (const [url, pointer] of after) {
    if (!before.has(url)) report({ rule: 'server', breaking: false, subject: 'server', message: `server ${url} added`, oldPointer: before.size > 0 ? '#/servers' : undefined, newPointer: pointer, direction: undefined });
  }
}

/** The parts of a security scheme that decide what the app sends. */
const WIRE_KEYS = ['type', 'scheme', 'in', 'name', 'openIdConnectUrl'];

/** A scheme whose wire form changes breaks every app using it. */
export function compareSecuritySchemes(oldDoc: Obj, newDoc: Obj, report: Report): void {
  const schemes = (doc: Obj): Obj => (isObj(doc.components) && isObj(doc.components.securitySchemes) ? doc.components.securitySchemes : {});
  const before = schemes(oldDoc);
  const after = schemes(newDoc);
  for (const [name, a] of Object.entries(before)) {
    const b = after[name];
    if (!isObj(a) || !isObj(b)) continue;
    const pointer = joinPointer('#/components/securitySchemes', name);
    const changed = WIRE_KEYS.filter((k) => String(a[k] ?? '').toLowerCase() !== String(b[k] ?? '').toLowerCase());
    if (changed.length > 0) {
      const show = (s: Obj): string => changed.map((k) => `${k} ${String(s[k] ?? 'none')}`).join(', ');
      report({ rule: 'security-scheme', breaking: true, subject: `security scheme ${name}`, message: `changed (${show(a)} → ${show(b)}): credentials are sent differently`, oldPointer: pointer, newPointer: pointer, direction: undefined });
    }
    const urls = (s: Obj): string => JSON.stringify(isObj(s.flows) ? Object.values(s.flows).map((f) => (isObj(f) ? [f.tokenUrl, f.authorizationUrl, f.refreshUrl] : [])) : []);
    if (urls(a) !== urls(b)) {
      report({ rule: 'security-scheme', breaking: true, subject: `security scheme ${name}`, message: 'OAuth flow URLs changed: token and refresh requests go elsewhere', oldPointer: joinPointer(pointer, 'flows'), newPointer: joinPointer(pointer, 'flows'), direction: undefined });
    }
  }
}
