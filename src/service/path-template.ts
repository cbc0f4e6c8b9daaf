/**
 * A path template (`/users/{userId}`) split once into literal text and placeholders, so a
 * call fills it by concatenation instead of a regex scan and string replace per parameter on
 * every call. Each placeholder's style comes from the operation's parameter descriptors
 * (`OperationMeta.params`), else from openapi-fetch's template syntax (`{.x}`, `{;x}`, `{x*}`),
 * else simple; params/path.ts expands it. A plain string or number in a simple slot, the usual
 * case, is only percent-encoded. fillSimplePath is the default operations' filler, which keeps
 * the label/matrix expander out of apps that never call an operation declaring those styles.
 */
import { classify, encodeStrict } from './params/encode.js';
import { ParameterSerializationError } from './params/errors.js';
import type { LocationParams } from './params/lookup.js';
import { expandPath } from './params/path.js';

/** One `{…}` of a template, parsed as openapi-fetch parses it. */
export interface Slot {
  /** The placeholder as written, kept when the call gives no value. */
  readonly raw: string;
  readonly name: string;
  readonly style: 'simple' | 'label' | 'matrix';
  /** `{x*}`: explode, as written in the template. */
  readonly explode: boolean;
  /** The slot fills a whole segment (`/{x}/`), so its text must not be a dot segment. */
  readonly wholeSegment: boolean;
}

/** A template as literal text around its slots: `text[0] slot[0] text[1] … text[n]`. */
interface CompiledPath {
  readonly text: ReadonlyArray<string>;
  readonly slots: ReadonlyArray<Slot>;
}

// openapi-fetch's own placeholder pattern (PATH_PARAM_RE).
const PLACEHOLDER = /\{[^{}]+\}/g;

// Templates are the operations' paths: a fixed, small set, each split once.
const compiled = new Map<string, CompiledPath>();

function compile(template: string): CompiledPath {
  const text: string[] = [];
  const slots: Slot[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const raw = match[0];
    let name = raw.slice(1, -1);
    const explode = name.endsWith('*');
    if (explode) name = name.slice(0, -1);
    let style: Slot['style'] = 'simple';
    if (name.startsWith('.')) {
      style = 'label';
      name = name.slice(1);
    } else if (name.startsWith(';')) {
      style = 'matrix';
      name = name.slice(1);
    }
    const before = template.slice(last, match.index);
    const after = template.slice(match.index + raw.length);
    text.push(before);
    slots.push({ raw, name, style, explode, wholeSegment: before.endsWith('/') && (after === '' || after.startsWith('/')) });
    last = match.index + raw.length;
  }
  text.push(template.slice(last));
  return { text, slots };
}

function compiledPath(template: string): CompiledPath {
  let path = compiled.get(template);
  if (path === undefined) {
    path = compile(template);
    compiled.set(template, path);
  }
  return path;
}

/** The template's placeholders (name and style), parsed once per template. */
export function pathSlots(template: string): ReadonlyArray<Slot> {
  return compiledPath(template).slots;
}

/** One slot's text for a present value; `''` when the value expands to nothing. */
type SlotFiller = (slot: Slot, value: unknown) => string;

function fill(base: string, template: string, values: Readonly<Record<string, unknown>> | undefined, filler: SlotFiller): string {
  const { text, slots } = compiledPath(template);
  if (slots.length === 0 || values === undefined) return base + template;
  let out = base + text[0];
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    const value = values[slot.name];
    out += value === undefined || value === null ? slot.raw : filler(slot, value);
    out += text[i + 1];
  }
  return out;
}

// A label value of `.` or `` makes `..` or `.`: the URL parser would climb or drop a segment.
function refuseDotSegment(slot: Slot, filled: string): string {
  if (slot.wholeSegment && (filled === '.' || filled === '..')) {
    throw new ParameterSerializationError('dot_segment', 'path', slot.name, `the value makes the segment "${filled}", which would move the request to another path`);
  }
  return filled;
}

/**
 * `base + template` with the path parameters filled in, each per its declared style (`params`,
 * the operation's non-default path descriptors) or the template's. A missing value keeps its
 * placeholder (request-checks.ts refuses such a call before it is built). The styled
 * serializer (params/styled-params.ts) calls this; the default path uses fillSimplePath.
 */
export function fillPath(base: string, template: string, values: Readonly<Record<string, unknown>> | undefined, params?: LocationParams): string {
  return fill(base, template, values, (slot, value) => {
    const declared = params?.get(slot.name);
    const style = declared?.style ?? slot.style;
    if (style === 'simple' && declared?.content === undefined && (typeof value === 'string' || typeof value === 'number')) {
      return encodeStrict(String(value), 'path', slot.name);
    }
    const kind = classify(value, 'path', slot.name, declared?.content);
    // An empty array or object expands to nothing (RFC 6570: undefined); request-checks refuses it.
    if (kind.kind === 'absent') return '';
    return refuseDotSegment(slot, expandPath(slot.name, kind, style === 'label' || style === 'matrix' ? style : 'simple', declared?.explode ?? slot.explode));
  });
}

/**
 * fillPath for an operation whose path parameters are all `simple` (the default, and all the
 * generator lets reach the runtime without a ParamCodec): strings and numbers percent-encoded,
 * arrays `a,b`, objects `k,v` (`k=v` exploded: `{x*}` or a descriptor's `explode`), without the
 * label/matrix expander.
 */
export function fillSimplePath(base: string, template: string, values: Readonly<Record<string, unknown>> | undefined, params?: LocationParams): string {
  return fill(base, template, values, (slot, value) => {
    if (slot.style !== 'simple') {
      throw new ParameterSerializationError('unsupported_value', 'path', slot.name, `the template writes a ${slot.style} placeholder but the operation's metadata names no paramCodec to expand it (regenerate the SDK)`);
    }
    const enc = (text: string): string => encodeStrict(text, 'path', slot.name);
    if (typeof value === 'string' || typeof value === 'number') return enc(String(value));
    const kind = classify(value, 'path', slot.name);
    if (kind.kind === 'absent') return '';
    const filled =
      kind.kind === 'primitive'
        ? enc(kind.text)
        : kind.kind === 'array'
          ? kind.items.map(enc).join(',')
          : kind.entries.map(([k, v]) => ((params?.get(slot.name)?.explode ?? slot.explode) ? `${enc(k)}=${enc(v)}` : `${enc(k)},${enc(v)}`)).join(',');
    return refuseDotSegment(slot, filled);
  });
}
