/**
 * The query string of an operation whose query parameters all have OpenAPI's default style,
 * `form`: `n=v`; exploded (the default) arrays `n=a&n=b` and objects `k=v&k2=v2`, unexploded
 * `n=a,b` and `n=k,v,k2,v2`; every name and value strictly percent-encoded. Operations declaring
 * another style, `allowReserved` or a `content` parameter carry a ParamCodec (styled-params.ts)
 * and use query.ts instead, so apps calling only form-style operations do not bundle the
 * delimited and deepObject serializers.
 * @see https://spec.openapis.org/oas/v3.1.1#style-examples
 */
import { classify, encodeStrict } from './encode.js';
import type { LocationParams } from './lookup.js';

/** `a=1&b=2` (no `?`) for the call's query values, all `form` (explode per `params`, else true); `''` when nothing is sent. */
export function formQuery(values: Readonly<Record<string, unknown>>, params?: LocationParams): string {
  let out = '';
  for (const name in values) {
    if (!Object.prototype.hasOwnProperty.call(values, name)) continue;
    const part = formPairs(name, values[name], params?.get(name)?.explode ?? true);
    if (part !== '') out = out === '' ? part : `${out}&${part}`;
  }
  return out;
}

function formPairs(name: string, value: unknown, explode: boolean): string {
  const enc = (text: string): string => encodeStrict(text, 'query', name);
  // The usual case: a string or number, one `name=value`.
  if (typeof value === 'string' || typeof value === 'number') return `${enc(name)}=${enc(String(value))}`;
  const kind = classify(value, 'query', name);
  switch (kind.kind) {
    case 'absent':
      return '';
    case 'primitive':
      return `${enc(name)}=${enc(kind.text)}`;
    case 'array': {
      const key = enc(name);
      return explode ? kind.items.map((item) => `${key}=${enc(item)}`).join('&') : `${key}=${kind.items.map(enc).join(',')}`;
    }
    case 'object':
      if (explode) return kind.entries.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
      return `${enc(name)}=${kind.entries.map(([k, v]) => `${enc(k)},${enc(v)}`).join(',')}`;
  }
}
