/**
 * Maps method + path to a Route. Each route names its spec operation; the method and the path
 * template come from the spec, so the server serves exactly the paths the spec declares.
 */
import type { Route } from './context.js';
import type { OperationInfo, Spec } from './spec.js';

export type RouteMatch =
  | { kind: 'found'; route: Route; operation: OperationInfo; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

interface Compiled {
  route: Route;
  operation: OperationInfo;
  pattern: RegExp;
  names: string[];
}

export interface Router {
  match(method: string, path: string): RouteMatch;
}

export function createRouter(spec: Spec, routes: Route[]): Router {
  const compiled: Compiled[] = routes.map((route) => {
    const operation = spec.operation(route.operationId);
    const names: string[] = [];
    const source = operation.path
      .split('/')
      .map((segment) => {
        const param = /^\{(.+)\}$/.exec(segment);
        if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(param[1]!);
        return '([^/]+)';
      })
      .join('/');
    return { route, operation, pattern: new RegExp(`^${source}$`), names };
  });
  // Literal paths first, so /users/me and /users/batch-get win over /users/{userId}.
  compiled.sort((a, b) => a.names.length - b.names.length);

  const missing = spec.operations().filter((op) => !compiled.some((c) => c.operation === op));
  if (missing.length > 0) throw new Error(`Server lacks routes for: ${missing.map((op) => op.operationId).join(', ')}`);

  return {
    match(method, path) {
      const allow = new Set<string>();
      for (const c of compiled) {
        const m = c.pattern.exec(path);
        if (!m) continue;
        if (c.operation.method !== method) {
          allow.add(c.operation.method);
          continue;
        }
        const params: Record<string, string> = {};
        c.names.forEach((name, i) => {
          params[name] = safeDecode(m[i + 1] ?? '');
        });
        return { kind: 'found', route: c.route, operation: c.operation, params };
      }
      if (allow.size > 0) return { kind: 'method-not-allowed', allow: [...allow] };
      return { kind: 'not-found' };
    },
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
