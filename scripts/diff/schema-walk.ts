/**
 * Compares two schemas for one direction of data. What breaks depends on who writes: the app
 * writes requests, so anything the new spec no longer accepts breaks it; the app reads
 * responses, so anything new it may receive (a type, an enum value, a null, a missing field)
 * breaks it. Resolved schemas are compared, never `$ref` strings, so moving a schema into a
 * component or renaming a component changes nothing. Cycle-safe: a pair of pointers is walked
 * once per operation.
 */
import { BOUNDS, viewOf, type Located, type SchemaView } from './schema-view.js';
import type { Direction, RuleId } from './model.js';
import type { Report } from './collector.js';
import { compareAdditional, compareDiscriminator, compareReadWrite, inDirection } from './schema-extras.js';

type Obj = Record<string, unknown>;

/** Everything a schema comparison needs besides the two schemas. */
export interface SchemaWalk {
  readonly oldDoc: Obj;
  readonly newDoc: Obj;
  readonly direction: Direction;
  readonly report: Report;
  /** Pointer pairs already compared in this walk. */
  readonly seen: Set<string>;
}

/** Past this depth the walk stops: no real API nests further without a cycle. */
const MAX_DEPTH = 64;

/** Compares `a` (old) with `b` (new); `label` names the place in SDK terms (`Order.status`). */
export function compareSchemas(walk: SchemaWalk, a: Located, b: Located, label: string, depth = 0): void {
  if (depth > MAX_DEPTH || a.node === undefined || b.node === undefined) return;
  const va = viewOf(walk.oldDoc, a);
  const vb = viewOf(walk.newDoc, b);
  const key = `${va.pointer}\u0000${vb.pointer}`;
  if (walk.seen.has(key)) return;
  walk.seen.add(key);
  // The new component's name when there is one; otherwise the place (an inlined schema is
  // named by where it sits, not by the component it used to be).
  const name = vb.component ?? label;
  const say = (rule: RuleId, breaking: boolean, message: string, oldPointer = va.pointer, newPointer = vb.pointer): void =>
    walk.report({ rule, breaking, subject: name, message, oldPointer, newPointer, direction: walk.direction });
  const request = walk.direction === 'request';
  const what = request ? 'request' : 'response';

  if (!compareTypes(va, vb, request, what, say)) return;
  compareNullable(va, vb, request, what, say);
  compareEnums(va, vb, request, what, say);
  compareFormats(va, vb, request, what, say);
  compareBounds(va, vb, request, what, say);
  compareProperties(walk, va, vb, name, depth, say);
  if (va.items && vb.items) compareSchemas(walk, va.items, vb.items, `${name}[]`, depth + 1);
  if (va.additional && vb.additional) compareSchemas(walk, va.additional, vb.additional, `${name}{}`, depth + 1);
  if (request && va.additional !== false && vb.additional === false && va.properties.size > 0) {
    say('constraint', true, 'request no longer accepts properties the schema does not list (additionalProperties: false)');
  }
  compareAdditional(va, vb, request, say);
  compareDiscriminator(va, vb, request, say);
  compareVariants(walk, va, vb, name, depth, say);
}

type Say = (rule: RuleId, breaking: boolean, message: string, oldPointer?: string, newPointer?: string) => void;

/** `integer` values are `number`s too, so integer → number only widens. */
const accepts = (types: ReadonlySet<string>, type: string): boolean => types.has(type) || (type === 'integer' && types.has('number'));
const list = (values: Iterable<string>): string => [...values].join(' | ');

/** Returns false when the types no longer overlap, so nothing below is worth comparing. */
function compareTypes(va: SchemaView, vb: SchemaView, request: boolean, what: string, say: Say): boolean {
  if (!va.types || !vb.types || va.types.size === 0 || vb.types.size === 0) return true;
  const removed = [...va.types].filter((t) => !accepts(vb.types!, t));
  const added = [...vb.types].filter((t) => !accepts(va.types!, t));
  if (removed.length === 0 && added.length === 0) return true;
  const from = `${list(va.types)} → ${list(vb.types)}`;
  if (removed.length > 0 && added.length > 0) {
    say('type-changed', true, `${what} type changed (${from})`);
  } else if (removed.length > 0) {
    say('type-changed', request, request ? `request type narrowed (${from}): the app's ${list(removed)} values are refused` : `response type narrowed (${from})`);
  } else {
    say('type-changed', !request, request ? `request type widened (${from})` : `response type widened (${from}): readers now also get ${list(added)}`);
  }
  return [...va.types].some((t) => accepts(vb.types!, t));
}

function compareNullable(va: SchemaView, vb: SchemaView, request: boolean, what: string, say: Say): void {
  if (va.nullable === vb.nullable) return;
  if (vb.nullable) say('nullable', !request, request ? 'request value may now be null' : 'response value may now be null: readers must handle null');
  else say('nullable', request, request ? 'request value may no longer be null: the app\'s null is refused' : `${what} value is no longer null`);
}

function compareEnums(va: SchemaView, vb: SchemaView, request: boolean, what: string, say: Say): void {
  if (!va.enumValues && !vb.enumValues) return;
  const key = (v: unknown): string => JSON.stringify(v);
  const oldKeys = new Set((va.enumValues ?? []).map(key));
  const newKeys = new Set((vb.enumValues ?? []).map(key));
  const removed = va.enumValues && vb.enumValues ? [...oldKeys].filter((k) => !newKeys.has(k)) : vb.enumValues ? ['(any value)'] : [];
  const added = va.enumValues && vb.enumValues ? [...newKeys].filter((k) => !oldKeys.has(k)) : va.enumValues ? ['(any value)'] : [];
  if (removed.length > 0) {
    say('enum-narrowed', request, request
      ? `request enum narrowed: ${removed.join(', ')} no longer accepted`
      : `${what} enum narrowed: ${removed.join(', ')} no longer sent`);
  }
  if (added.length > 0) {
    say('enum-widened', !request, request
      ? `request enum widened: ${added.join(', ')} accepted`
      : `response enum widened: ${added.join(', ')} may arrive; exhaustive switches over it break (handle unknown values)`);
  }
}

function compareFormats(va: SchemaView, vb: SchemaView, request: boolean, what: string, say: Say): void {
  if (va.format === vb.format) return;
  if (va.format && vb.format) say('format-changed', true, `${what} format changed (${va.format} → ${vb.format})`);
  else if (vb.format) say('format-changed', request, `${what} format ${vb.format} added`);
  else say('format-changed', !request, `${what} format ${va.format ?? ''} dropped${request ? '' : ': readers can no longer rely on it'}`);
}

/** Tighter bounds break writers (requests); looser ones are noted, never breaking for readers. */
function compareBounds(va: SchemaView, vb: SchemaView, request: boolean, what: string, say: Say): void {
  for (const [kind, keys] of Object.entries(BOUNDS)) {
    for (const k of keys) {
      const before = va.bounds[k];
      const after = vb.bounds[k];
      if (before === after) continue;
      const tighter = after !== undefined && (before === undefined || (kind === 'upper' ? after < before : after > before));
      say('constraint', request && tighter, `${what} ${k} ${before ?? 'none'} → ${after ?? 'none'}${request && tighter ? ': values the app sent before may be refused' : ''}`);
    }
  }
  if (va.pattern !== vb.pattern && vb.pattern !== undefined) {
    say('constraint', request, `${what} pattern ${va.pattern === undefined ? 'added' : 'changed'} (${vb.pattern})`);
  }
}

function compareProperties(walk: SchemaWalk, va: SchemaView, vb: SchemaView, name: string, depth: number, say: Say): void {
  const request = walk.direction === 'request';
  const what = request ? 'request' : 'response';
  // Fields that do not exist in this direction (readOnly in requests, writeOnly in responses)
  // are left out; a field moving in or out of it is its own change.
  const inBoth = compareReadWrite(walk.oldDoc, walk.newDoc, va, vb, request, say);
  const visibleOld = [...va.properties.keys()].filter((p) => inDirection(walk.oldDoc, va.properties.get(p)!, request));
  const visibleNew = [...vb.properties.keys()].filter((p) => inDirection(walk.newDoc, vb.properties.get(p)!, request));
  const removed = visibleOld.filter((p) => !vb.properties.has(p));
  const added = visibleNew.filter((p) => !va.properties.has(p));
  // A field removed and one added with the same shape is a rename: one change, not two.
  const renamed = new Map<string, string>();
  for (const gone of removed) {
    const match = added.find((p) => !renamed.has(p) && [...renamed.values()].every((v) => v !== p) && sameShape(walk, va.properties.get(gone)!, vb.properties.get(p)!));
    if (match !== undefined) renamed.set(gone, match);
  }
  for (const [gone, now] of renamed) {
    say('field-renamed', true, `${what} field ${gone} renamed to ${now}`, va.properties.get(gone)!.pointer, vb.properties.get(now)!.pointer);
  }
  for (const gone of removed.filter((p) => !renamed.has(p))) {
    say('field-removed', true, request ? `request field ${gone} removed: code that sets it no longer compiles` : `response field ${gone} removed`, va.properties.get(gone)!.pointer, vb.pointer);
  }
  const renamedTo = new Set(renamed.values());
  for (const now of added.filter((p) => !renamedTo.has(p))) {
    const required = vb.required.has(now);
    say('field-added', request && required, `${what} field ${now} added (${required ? 'required' : 'optional'})`, va.pointer, vb.properties.get(now)!.pointer);
  }
  for (const [prop, before] of va.properties) {
    const after = vb.properties.get(prop);
    if (!after || !inBoth.has(prop)) continue;
    const wasRequired = va.required.has(prop);
    const isRequired = vb.required.has(prop);
    if (wasRequired !== isRequired) {
      if (isRequired) say('field-required', request, `${what} field ${prop} became required`, before.pointer, after.pointer);
      else say('field-required', !request, request ? `request field ${prop} became optional` : `response field ${prop} became optional: readers must handle its absence`, before.pointer, after.pointer);
    }
    compareSchemas(walk, before, after, `${name}.${prop}`, depth + 1);
  }
}

function compareVariants(walk: SchemaWalk, va: SchemaView, vb: SchemaView, name: string, depth: number, say: Say): void {
  if (!va.variants || !vb.variants) return;
  const request = walk.direction === 'request';
  const target = (doc: Obj, at: Located): string => viewOf(doc, at).pointer;
  const newTargets = vb.variants.map((v) => target(walk.newDoc, v));
  const used = new Set<number>();
  va.variants.forEach((variant, index) => {
    const oldTarget = target(walk.oldDoc, variant);
    // Same component, else a same-shaped one, else the one at the same position.
    let match = newTargets.findIndex((t, i) => !used.has(i) && t === oldTarget && t.startsWith('#/components/'));
    if (match < 0) match = vb.variants!.findIndex((v, i) => !used.has(i) && sameShape(walk, variant, v));
    if (match < 0 && va.variants!.length === vb.variants!.length && !used.has(index)) match = index;
    if (match < 0) {
      say('variant-removed', request, `${request ? 'request' : 'response'} variant removed${request ? ': the app can no longer send it' : ''}`, oldTarget, vb.pointer);
      return;
    }
    used.add(match);
    compareSchemas(walk, variant, vb.variants![match]!, `${name}|${index}`, depth + 1);
  });
  vb.variants.forEach((variant, index) => {
    if (used.has(index)) return;
    say('variant-added', !request, request ? 'request variant added' : 'response variant added: readers may receive a shape they do not handle', va.pointer, newTargets[index]);
  });
}

/** True when comparing `a` with `b` finds nothing at all. */
export function sameShape(walk: SchemaWalk, a: Located, b: Located): boolean {
  let found = false;
  compareSchemas({ ...walk, seen: new Set(walk.seen), report: () => (found = true) }, a, b, '', 0);
  return !found;
}
