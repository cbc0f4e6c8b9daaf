/**
 * One path parameter's text, per OpenAPI's path styles (RFC 6570 `{x}`, `{.x}`, `{;x}`, each
 * with or without explode). Every name, key and value is strictly percent-encoded, so a value
 * stays inside its segment: paths are values, never structure.
 * @see https://spec.openapis.org/oas/v3.1.1#style-values
 */
import { encodeStrict, type ValueKind } from './encode.js';

/** The styles a path parameter can have. */
export type PathStyle = 'simple' | 'label' | 'matrix';

/** The expansion of a classified value (never `absent`) for one placeholder. */
export function expandPath(name: string, value: Exclude<ValueKind, { kind: 'absent' }>, style: PathStyle, explode: boolean): string {
  const enc = (text: string): string => encodeStrict(text, 'path', name);
  const prefix = style === 'label' ? '.' : style === 'matrix' ? ';' : '';
  // The separator between items: exploded label and matrix repeat their prefix.
  const sep = explode && style !== 'simple' ? prefix : ',';
  const named = (text: string): string => (text === '' ? enc(name) : `${enc(name)}=${text}`); // RFC 6570: `;x` for ''
  switch (value.kind) {
    case 'primitive':
      return style === 'matrix' ? `;${named(enc(value.text))}` : prefix + enc(value.text);
    case 'array': {
      if (style === 'matrix') return `;${explode ? value.items.map((item) => named(enc(item))).join(';') : named(value.items.map(enc).join(','))}`;
      return prefix + value.items.map(enc).join(sep);
    }
    case 'object': {
      // Exploded matrix pairs follow the same rule as names: `;k` for an empty value.
      const pair = ([k, v]: readonly [string, string]): string => (style === 'matrix' && v === '' ? enc(k) : `${enc(k)}=${enc(v)}`);
      const pairs = explode ? value.entries.map(pair) : value.entries.map(([k, v]) => `${enc(k)},${enc(v)}`);
      if (style === 'matrix') return explode ? `;${pairs.join(';')}` : `;${named(pairs.join(','))}`;
      return prefix + pairs.join(sep);
    }
  }
}
