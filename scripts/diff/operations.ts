/**
 * Operation-level rules: operations matched across versions by operationId, else by method and
 * path; then their parameters, request body, responses (status codes, content types, schemas)
 * and security.
 */
import { deref, resolvePointer } from '../codegen/refs.js';
import { joinPointer } from '../codegen/spec-error.js';
import type { OperationModel, ParameterModel } from '../codegen/model.js';
import type { Report } from './collector.js';
import { sdkName } from './load.js';
import { compareSchemas, sameShape, type SchemaWalk } from './schema-walk.js';
import type { Direction } from './model.js';
import { compareResponseHeaders } from './headers.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Both documents. */
export interface Docs {
  readonly oldDoc: Obj;
  readonly newDoc: Obj;
}

const route = (op: OperationModel): string => `${op.method.toUpperCase()} ${op.path}`;
/** Path templates compared without parameter names: `/orders/{id}` is `/orders/{orderId}`. */
const routeKey = (op: OperationModel): string => `${op.method} ${op.path.replace(/\{[^}]*\}/g, '{}')}`;

/** Pairs old and new operations; unmatched ones are removed or added. */
export function matchOperations(oldOps: readonly OperationModel[], newOps: readonly OperationModel[]): {
  pairs: Array<[OperationModel, OperationModel]>;
  removed: OperationModel[];
  added: OperationModel[];
} {
  const taken = new Set<OperationModel>();
  const pairs: Array<[OperationModel, OperationModel]> = [];
  const unmatched: OperationModel[] = [];
  for (const op of oldOps) {
    const byId = op.operationId === undefined ? undefined : newOps.find((n) => !taken.has(n) && n.operationId === op.operationId);
    if (byId) {
      taken.add(byId);
      pairs.push([op, byId]);
    } else unmatched.push(op);
  }
  const removed: OperationModel[] = [];
  for (const op of unmatched) {
    const byRoute = newOps.find((n) => !taken.has(n) && routeKey(n) === routeKey(op));
    if (byRoute) {
      taken.add(byRoute);
      pairs.push([op, byRoute]);
    } else removed.push(op);
  }
  return { pairs, removed, added: newOps.filter((n) => !taken.has(n)) };
}

/** Compares one matched pair of operations. */
export function compareOperation(docs: Docs, a: OperationModel, b: OperationModel, report: Report): void {
  const name = sdkName(b);
  const oldName = sdkName(a);
  if (oldName !== name) {
    report({ rule: 'operation-renamed', breaking: true, subject: oldName, message: `renamed to ${name}: calls to ${oldName} no longer compile`, oldPointer: a.pointer, newPointer: b.pointer, direction: undefined });
  }
  if (routeKey(a) !== routeKey(b)) {
    report({ rule: 'operation-moved', breaking: true, subject: name, message: `route moved (${route(a)} → ${route(b)}): apps shipped with the old SDK call the old route`, oldPointer: a.pointer, newPointer: b.pointer, direction: undefined });
  }
  if (!a.deprecated && b.deprecated) {
    report({ rule: 'operation-deprecated', breaking: false, subject: name, message: 'deprecated: plan the move before it is removed', oldPointer: a.pointer, newPointer: b.pointer, direction: undefined });
  }
  compareParameters(docs, a, b, name, report);
  compareRequestBody(docs, a, b, name, report);
  compareResponses(docs, a, b, name, report);
  compareSecurity(a, b, name, report);
}

interface RawParameter {
  readonly model: ParameterModel;
  readonly pointer: string;
  readonly style: string;
  readonly explode: boolean;
  readonly deprecated: boolean;
}

function rawParameter(doc: Obj, model: ParameterModel): RawParameter {
  const { node, pointer } = deref(doc, resolvePointer(doc, model.pointer), model.pointer);
  const raw = isObj(node) ? node : {};
  const style = typeof raw.style === 'string' ? raw.style : model.in === 'query' || model.in === 'cookie' ? 'form' : 'simple';
  return { model, pointer, style, explode: typeof raw.explode === 'boolean' ? raw.explode : style === 'form', deprecated: raw.deprecated === true };
}

function compareParameters(docs: Docs, a: OperationModel, b: OperationModel, name: string, report: Report): void {
  const olds = a.parameters.map((p) => rawParameter(docs.oldDoc, p));
  const news = b.parameters.map((p) => rawParameter(docs.newDoc, p));
  // Header names are case-insensitive; the others are not.
  const key = (p: ParameterModel): string => (p.in === 'header' ? p.name.toLowerCase() : p.name);
  const say = (rule: Parameters<Report>[0]['rule'], breaking: boolean, message: string, oldPointer: string | undefined, newPointer: string | undefined): void =>
    report({ rule, breaking, subject: name, message, oldPointer, newPointer, direction: undefined });
  for (const before of olds) {
    const p = before.model;
    const after = news.find((n) => n.model.in === p.in && key(n.model) === key(p));
    if (!after) {
      const moved = news.find((n) => key(n.model) === key(p));
      if (moved) say('parameter-location', true, `parameter ${p.name} moved from ${p.in} to ${moved.model.in}`, before.pointer, moved.pointer);
      else say('parameter-removed', true, `${p.in} parameter ${p.name} removed: code that passes it no longer compiles`, before.pointer, undefined);
      continue;
    }
    if (!p.required && after.model.required) say('parameter-required', true, `${p.in} parameter ${p.name} became required`, before.pointer, after.pointer);
    if (p.required && !after.model.required) say('parameter-required', false, `${p.in} parameter ${p.name} became optional`, before.pointer, after.pointer);
    if (before.style !== after.style || before.explode !== after.explode) {
      say('parameter-style', true, `${p.in} parameter ${p.name} serialisation changed (style ${before.style}, explode ${before.explode} → style ${after.style}, explode ${after.explode}): apps shipped with the old SDK send it the old way`, before.pointer, after.pointer);
    }
    if (!before.deprecated && after.deprecated) say('parameter-deprecated', false, `${p.in} parameter ${p.name} deprecated`, before.pointer, after.pointer);
    if (p.schema !== undefined && after.model.schema !== undefined) {
      compareSchemas(walk(docs, 'request', report), { node: p.schema, pointer: joinPointer(before.pointer, 'schema') }, { node: after.model.schema, pointer: joinPointer(after.pointer, 'schema') }, `${name} ${p.in} parameter ${p.name}`);
    }
  }
  for (const after of news) {
    const p = after.model;
    if (olds.some((o) => key(o.model) === key(p))) continue;
    say('parameter-added', p.required, `${p.in} parameter ${p.name} added (${p.required ? 'required' : 'optional'})`, undefined, after.pointer);
  }
}

const walk = (docs: Docs, direction: Direction, report: Report): SchemaWalk => ({ ...docs, direction, report, seen: new Set() });

function compareRequestBody(docs: Docs, a: OperationModel, b: OperationModel, name: string, report: Report): void {
  const before = a.requestBody;
  const after = b.requestBody;
  const say = (rule: 'request-body' | 'content-type', breaking: boolean, message: string): void =>
    report({ rule, breaking, subject: name, message, oldPointer: before?.pointer ?? a.pointer, newPointer: after?.pointer ?? b.pointer, direction: 'request' });
  if (!before && !after) return;
  if (!before && after) return say('request-body', after.required, `request body added (${after.required ? 'required' : 'optional'})`);
  if (before && !after) return say('request-body', true, 'request body removed: code that passes one no longer compiles');
  if (!before || !after) return;
  if (!before.required && after.required) say('request-body', true, 'request body became required');
  if (before.contentType !== after.contentType) {
    say('content-type', true, `request content type changed (${before.contentType} → ${after.contentType}): apps shipped with the old SDK send ${before.contentType}`);
    return;
  }
  if (before.schema !== undefined && after.schema !== undefined) {
    compareSchemas(walk(docs, 'request', report), { node: before.schema, pointer: before.pointer }, { node: after.schema, pointer: after.pointer }, `${name} request body`);
  }
}

const isSuccess = (status: string): boolean => /^2(\d\d|XX)$/i.test(status);

function compareResponses(docs: Docs, a: OperationModel, b: OperationModel, name: string, report: Report): void {
  const responseWalk = walk(docs, 'response', report);
  const oldSuccess = a.responses.filter((r) => isSuccess(r.status));
  for (const before of a.responses) {
    const after = b.responses.find((r) => r.status.toUpperCase() === before.status.toUpperCase());
    if (!after) {
      // A success the server no longer sends, or an error it no longer declares: nothing the
      // app relied on can break.
      report({ rule: 'status-code', breaking: false, subject: name, message: `response ${before.status} no longer declared`, oldPointer: before.pointer, newPointer: b.pointer, direction: 'response' });
      continue;
    }
    compareResponseHeaders(docs, responseWalk, before, after, name, isSuccess(before.status), report);
    if (before.body && after.body && before.body.contentType !== after.body.contentType) {
      const success = isSuccess(before.status);
      report({ rule: 'content-type', breaking: success, subject: name, message: `response ${before.status} content type changed (${before.body.contentType} → ${after.body.contentType})${success ? ': the SDK reads the body differently' : ''}`, oldPointer: before.body.pointer, newPointer: after.body.pointer, direction: 'response' });
      continue;
    }
    if (before.body?.schema !== undefined && after.body?.schema !== undefined) {
      compareSchemas(responseWalk, { node: before.body.schema, pointer: before.body.pointer }, { node: after.body.schema, pointer: after.body.pointer }, `${name} response ${before.status}`);
    } else if (isSuccess(before.status) && !before.body && after.body) {
      report({ rule: 'status-code', breaking: true, subject: name, message: `response ${before.status} now has a body (${after.body.contentType}): the result type changes`, oldPointer: before.pointer, newPointer: after.body.pointer, direction: 'response' });
    } else if (isSuccess(before.status) && before.body && !after.body) {
      report({ rule: 'status-code', breaking: true, subject: name, message: `response ${before.status} no longer has a body: readers get undefined`, oldPointer: before.body.pointer, newPointer: after.pointer, direction: 'response' });
    }
  }
  for (const after of b.responses) {
    if (a.responses.some((r) => r.status.toUpperCase() === after.status.toUpperCase())) continue;
    if (!isSuccess(after.status)) {
      report({ rule: 'status-code', breaking: false, subject: name, message: `response ${after.status} added (an error the app may now see as a NetworkError)`, oldPointer: a.pointer, newPointer: after.pointer, direction: 'response' });
      continue;
    }
    // A new success answer breaks readers unless its body looks like one they already handle.
    const familiar = oldSuccess.some((r) =>
      (!r.body && !after.body) ||
      (r.body?.schema !== undefined && after.body?.schema !== undefined && sameShape(responseWalk, { node: r.body.schema, pointer: r.body.pointer }, { node: after.body.schema, pointer: after.body.pointer })));
    report({ rule: 'status-code', breaking: !familiar, subject: name, message: `response ${after.status} added${familiar ? ' (same shape as an existing success)' : ': a success body readers have not seen'}`, oldPointer: a.pointer, newPointer: after.pointer, direction: 'response' });
  }
}

const alternatives = (op: OperationModel): string[] => op.security.map((alt) => [...alt].sort().join(' + ') || '(none)');

function compareSecurity(a: OperationModel, b: OperationModel, name: string, report: Report): void {
  const before = alternatives(a);
  const after = alternatives(b);
  const open = (alts: string[]): boolean => alts.length === 0 || alts.includes('(none)');
  const say = (breaking: boolean, message: string): void =>
    report({ rule: 'security', breaking, subject: name, message, oldPointer: a.pointer, newPointer: b.pointer, direction: undefined });
  if (open(before) && !open(after)) return say(true, `now requires authentication (${after.join(' or ')})`);
  if (!open(before) && open(after)) return say(false, 'no longer requires authentication');
  if (open(before)) return;
  const lost = before.filter((x) => !after.includes(x));
  const gained = after.filter((x) => !before.includes(x));
  // An app authenticating with a dropped alternative breaks, even if others remain; adding
  // another way does not.
  if (lost.length > 0) say(true, `authentication changed (${before.join(' or ')} → ${after.join(' or ')}): apps using ${lost.join(', ')} are refused`);
  else if (gained.length > 0) say(false, `authentication alternatives added (${gained.join(', ')})`);
}
