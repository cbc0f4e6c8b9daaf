/**
 * Schema rules beyond types and fields: `readOnly`/`writeOnly` (which direction a field exists
 * in), `additionalProperties` (maps and closed objects) and `discriminator` (how a union picks
 * its variant). Each breaks one direction only, like the rest of the walk.
 * @see https://spec.openapis.org/oas/v3.1.0#fixed-fields-19 (readOnly, writeOnly, discriminator)
 */
import { viewOf, type Located, type SchemaView } from './schema-view.js';
import type { RuleId } from './model.js';

type Obj = Record<string, unknown>;
type Say = (rule: RuleId, breaking: boolean, message: string, oldPointer?: string, newPointer?: string) => void;

/**
 * Whether a property exists in this direction: a readOnly field is never sent (the generated
 * request types leave it out), a writeOnly one is never received.
 */
export function inDirection(doc: Obj, at: Located, request: boolean): boolean {
  const view = viewOf(doc, at);
  return request ? !view.readOnly : !view.writeOnly;
}

/**
 * A field present in both versions that moved out of (or into) this direction. Returns the
 * names visible on both sides, the only ones worth comparing further.
 */
export function compareReadWrite(oldDoc: Obj, newDoc: Obj, va: SchemaView, vb: SchemaView, request: boolean, say: Say): Set<string> {
  const both = new Set<string>();
  for (const [prop, before] of va.properties) {
    const after = vb.properties.get(prop);
    if (!after) continue;
    const was = inDirection(oldDoc, before, request);
    const is = inDirection(newDoc, after, request);
    if (was && is) both.add(prop);
    else if (was && !is) {
      say('read-write', true, request
        ? `request field ${prop} became readOnly: the app can no longer send it (code that sets it no longer compiles)`
        : `response field ${prop} became writeOnly: responses no longer carry it`, before.pointer, after.pointer);
    } else if (!was && is) {
      const required = vb.required.has(prop);
      say('read-write', request && required, request
        ? `request field ${prop} is no longer readOnly: the app may${required ? ' and must' : ''} send it`
        : `response field ${prop} is no longer writeOnly: responses may carry it`, before.pointer, after.pointer);
    }
  }
  return both;
}

type Additional = Located | false | undefined;
const kind = (a: Additional): 'closed' | 'typed' | 'open' => (a === false ? 'closed' : a === undefined ? 'open' : 'typed');

/**
 * `additionalProperties`: closed (false), typed (a schema: a map's values) or open (anything).
 * Requests break when keys the app sends are refused or typed tighter; responses break when a
 * typed map stops being one (its values turn `unknown`, or its entries stop coming).
 */
export function compareAdditional(va: SchemaView, vb: SchemaView, request: boolean, say: Say): void {
  const before = kind(va.additional);
  const after = kind(vb.additional);
  if (before === after) return;
  const where = (a: Additional, v: SchemaView): string => (a && typeof a === 'object' ? a.pointer : v.pointer);
  const say2 = (breaking: boolean, message: string): void => say('additional-properties', breaking, message, where(va.additional, va), where(vb.additional, vb));
  const from = `additionalProperties ${before} → ${after}`;
  if (request) {
    // Only an object that lists fields can be "closed" meaningfully; the walk's constraint rule
    // already reports open → closed on those, so only the other tightenings are said here.
    if (after === 'closed' && before === 'open' && va.properties.size > 0) return;
    const tighter = after === 'closed' || (before === 'open' && after === 'typed');
    say2(tighter, `request ${from}${tighter ? ': extra keys the app sent before may be refused' : ''}`);
  } else {
    const breaking = before === 'typed';
    say2(breaking, `response ${from}${breaking ? (after === 'closed' ? ': the map readers iterate no longer has entries' : ': map values are no longer typed') : ''}`);
  }
}

/**
 * `discriminator`: the property that names the variant, and the values it may take. A renamed
 * property breaks both directions; a value gone breaks writers, a value added breaks readers'
 * exhaustive switches.
 */
export function compareDiscriminator(va: SchemaView, vb: SchemaView, request: boolean, say: Say): void {
  const a = va.discriminator;
  const b = vb.discriminator;
  if (!a || !b) return;
  const what = request ? 'request' : 'response';
  if (a.propertyName !== b.propertyName) {
    say('discriminator', true, `${what} discriminator property changed (${a.propertyName} → ${b.propertyName}): variants are told apart by another field`);
    return;
  }
  // Without an explicit mapping the values are the component names, which the variant rules cover.
  if (a.mapping.size === 0 || b.mapping.size === 0) return;
  const removed = [...a.mapping.keys()].filter((k) => !b.mapping.has(k));
  const added = [...b.mapping.keys()].filter((k) => !a.mapping.has(k));
  if (removed.length > 0) {
    say('discriminator', request, `${what} discriminator ${a.propertyName} no longer maps ${removed.join(', ')}${request ? ': the app can no longer send those kinds' : ''}`);
  }
  if (added.length > 0) {
    say('discriminator', !request, `${what} discriminator ${a.propertyName} now maps ${added.join(', ')}${request ? '' : ': readers may receive kinds they do not handle (exhaustive switches break)'}`);
  }
}
