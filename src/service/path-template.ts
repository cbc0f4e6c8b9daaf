/**
 * A path template (`/users/{userId}`) split once into literal text and placeholders, so a
 * call fills it by concatenation instead of openapi-fetch's regex scan and string replace per
 * parameter on every call. Only what openapi-fetch's `defaultPathSerializer` does for a
 * primitive value is done here (simple, label and matrix styles, each value
 * percent-encoded); a template whose call gives an array or object value, the rarer styles'
 * real work, is handed to openapi-fetch itself, so URLs stay exactly what it would build.
 */
import { defaultPathSerializer } from 'openapi-fetch';

/** One `{…}` of a template, parsed as openapi-fetch parses it. */
export interface Slot {
  /** The placeholder as written, kept when the call gives no value. */
  readonly raw: string;
  readonly name: string;
  readonly style: 'simple' | 'label' | 'matrix';
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
    if (name.endsWith('*')) name = name.slice(0, -1); // explode: the same for a primitive
    let style: Slot['style'] = 'simple';
    if (name.startsWith('.')) {
      style = 'label';
      name = name.slice(1);
    } else if (name.startsWith(';')) {
      style = 'matrix';
      name = name.slice(1);
    }
    text.push(template.slice(last, match.index));
    slots.push({ raw, name, style });
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

/**
 * `base + template` with the path parameters filled in, exactly as openapi-fetch's
 * `createFinalURL` fills them (`defaultPathSerializer` over the joined string).
 */
export function fillPath(base: string, template: string, values: Readonly<Record<string, unknown>> | undefined): string {
  const { text, slots } = compiledPath(template);
  if (slots.length === 0 || values === undefined) return base + template;
  let out = base + text[0];
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    const value = values[slot.name];
    if (value === undefined || value === null) out += slot.raw;
    else if (typeof value === 'object') return defaultPathSerializer(base + template, values as Record<string, unknown>);
    else {
      const encoded = encodeURIComponent(value as string | number | boolean);
      out += slot.style === 'simple' ? encoded : slot.style === 'label' ? `.${encoded}` : `;${slot.name}=${encoded}`;
    }
    out += text[i + 1];
  }
  return out;
}
