/**
 * Cookie parameters as one `Cookie` header, per OpenAPI 3.0/3.1's cookie style, `form`
 * (explode true by default): `n=v`, arrays `n=a; n=b` (or `n=a,b` unexploded), objects
 * `k=v; k2=v2` (or `n=k,v,k2,v2`), pairs joined with `; ` (RFC 6265 §4.2.1), every name and
 * value percent-encoded as form values are, so no value can end or add a cookie.
 *
 * Browsers forbid setting `Cookie` from fetch and drop it without a word; a call that carries
 * cookie parameters there is refused instead (a VALIDATION error naming the reason), never
 * sent without them. The browser sends the cookies it holds for the origin itself.
 * @see https://spec.openapis.org/oas/v3.1.1#style-values
 */
import { classify, encodeStrict } from './encode.js';
import { ParameterSerializationError } from './errors.js';
import type { LocationParams } from './lookup.js';
import { platformSendsCookies } from './cookie-platform.js';

/** The `Cookie` header value for the call's cookie parameters; undefined when none is sent. */
export function cookieHeader(values: Readonly<Record<string, unknown>> | undefined, params: LocationParams): string | undefined {
  if (values === undefined) return undefined;
  const pairs: string[] = [];
  for (const name in values) {
    if (!Object.prototype.hasOwnProperty.call(values, name)) continue;
    const declared = params?.get(name);
    const kind = classify(values[name], 'cookie', name, declared?.content);
    if (kind.kind === 'absent') continue;
    const enc = (text: string): string => encodeStrict(text, 'cookie', name);
    const explode = declared?.explode ?? true;
    if (kind.kind === 'primitive') pairs.push(`${enc(name)}=${enc(kind.text)}`);
    else if (kind.kind === 'array') {
      if (explode) for (const item of kind.items) pairs.push(`${enc(name)}=${enc(item)}`);
      else pairs.push(`${enc(name)}=${kind.items.map(enc).join(',')}`);
    } else if (explode) for (const [k, v] of kind.entries) pairs.push(`${enc(k)}=${enc(v)}`);
    else pairs.push(`${enc(name)}=${kind.entries.map(([k, v]) => `${enc(k)},${enc(v)}`).join(',')}`);
  }
  if (pairs.length === 0) return undefined;
  if (!platformSendsCookies()) {
    throw new ParameterSerializationError(
      'cookie_forbidden',
      'cookie',
      Object.keys(values).join(', '),
      "this platform's fetch does not let a request set the Cookie header (a browser sends the cookies it stores for the origin itself; set them with a Set-Cookie response or document.cookie and send with credentials)",
    );
  }
  return pairs.join('; ');
}
