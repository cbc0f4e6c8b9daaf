/**
 * The query string of an operation whose query parameters are all OpenAPI's default, `form`
 * with explode: `n=v`, arrays `n=a&n=b`, objects `k=v&k2=v2`, every name and value strictly
 * percent-encoded. Operations declaring another style, `explode: false`, `allowReserved` or a
 * `content` parameter carry a ParamCodec (styled-params.ts) and use query.ts instead, so apps
 * that call only default operations do not bundle the delimited and deepObject serializers.
 * @see https://spec.openapis.org/oas/v3.1.1#style-examples
 */
import { classify, encodeStrict } from './encode.js';

/** `a=1&b=2` (no `?`) for the call's query values, all `form`-exploded; `''` when nothing is sent. */
export function formQuery(values: Readonly<Record<string, unknown>>): string {
  let out = '';
  for (const name in values) {
    if (!Object.prototype.hasOwnProperty.call(values, name)) continue;
    const part = formPairs(name, values[name]);
    if (part !== '') out = out === '' ? part : `${out}&${part}`;
  }
  return out;
}

function formPairs(name: string, value: unknown): string {
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
      return kind.items.map((item) => `${key}=${enc(item)}`).join('&');
    }
    case 'object':
      return kind.entries.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
  }
}
