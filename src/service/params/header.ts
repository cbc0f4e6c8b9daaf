/**
 * Header parameters, per OpenAPI's one header style, `simple` (RFC 6570 `{x}` / `{x*}`):
 * arrays as `a,b,c`, objects as `k,v,k2,v2` or, exploded, `k=v,k2=v2`. Header values are not
 * percent-encoded (they are not URLs); what HTTP cannot carry is refused before sending
 * (request-checks.ts). A `content` parameter (e.g. JSON) is its serialised text.
 * @see https://spec.openapis.org/oas/v3.1.1#style-values
 */
import type { ParameterMeta } from '../../contract/operation.js';
import { classify } from './encode.js';
import type { LocationParams } from './lookup.js';

/** The header parameters as `name → value`, absent ones left out; undefined when none is sent. */
export function serializeHeaders(values: Readonly<Record<string, unknown>> | undefined, params: LocationParams): Record<string, string> | undefined {
  if (values === undefined) return undefined;
  let out: Record<string, string> | undefined;
  for (const name in values) {
    if (!Object.prototype.hasOwnProperty.call(values, name)) continue;
    const text = headerValue(name, values[name], params?.get(name));
    if (text !== undefined) (out ??= {})[name] = text;
  }
  return out;
}

/** One header parameter's value; undefined when it is absent. */
export function headerValue(name: string, value: unknown, declared: ParameterMeta | undefined): string | undefined {
  if (typeof value === 'string' && declared?.content === undefined) return value;
  const kind = classify(value, 'header', name, declared?.content);
  switch (kind.kind) {
    case 'absent':
      return undefined;
    case 'primitive':
      return kind.text;
    case 'array':
      return kind.items.join(',');
    case 'object':
      return kind.entries.map(([k, v]) => (declared?.explode === true ? `${k}=${v}` : `${k},${v}`)).join(',');
  }
}
