/**
 * Finds credentials in free text (error messages, log lines) and masks them, aiming at what
 * credentials look like rather than at words: a message such as "refresh token rejected" must
 * stay readable, while `Bearer eyJ…`, `access_token=…` or a 40-character random key must not
 * survive. Four shapes are masked:
 *
 * 1. An auth scheme (`Bearer`, `Basic`, `Token`, `Digest`) followed by a credential-shaped value:
 *    six or more token characters that are not a plain word ("Bearer token expired" stays).
 * 2. `name=value` (and JSON `"name": "value"`) where the name is a secret's
 *    (`access_token`, `refreshToken`, `password`, `client_secret`, `api_key`, …).
 * 3. JWTs (`eyJ….….…`) anywhere.
 * 4. Long random strings anywhere: 32+ characters of letters and digits mixed (API keys,
 *    opaque tokens); UUIDs are left alone (they are request ids, wanted in logs).
 * Plus quoted values in platform "… is an invalid header value" messages.
 */

// token68 (RFC 9110 §11.2) plus a trailing `)` or `.` that belongs to the sentence, not the value.
// The value must end where token68 ends: `Basic password=s3cret` is a pair, not a credential
// `password=` (that would mask only the name and leave the secret).
const SCHEME_VALUE = /\b(Bearer|Basic|Token|Digest)(\s+)([A-Za-z0-9\-._~+/]+=*)(?![A-Za-z0-9\-._~+/=])/gi;
// A plain (possibly capitalised or hyphenated) word; longer "words" are random strings.
const WORD = /^[A-Za-z][a-z]*(?:-[a-z]+)*\.?$/;
const SECRET_NAMES = 'access_?token|refresh_?token|id_?token|client_?secret|api_?key|apikey|password|passwd|secret|token|session_?id|sig|signature';
const PAIR = new RegExp(`\\b(${SECRET_NAMES})(=|["']\\s*:\\s*["'])([^\\s&,;"'<>]+)`, 'gi');
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const LONG_RANDOM = /[A-Za-z0-9_\-+/]{32,}={0,2}/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `text` with every credential-shaped value replaced by `mask`; names and prose are kept. */
export function redactCredentials(text: string, mask: string): string {
  let out = text.replace(JWT, mask);
  // Repeated because a kept word may itself be a scheme ("… Token Basic dXNl…"): one pass
  // consumes "Token Basic" and would never look at what follows Basic. Each pass masks or stops.
  for (let pass = 0; pass < 4; pass++) {
    const next = out.replace(SCHEME_VALUE, (whole, scheme: string, space: string, value: string) =>
      isCredentialShaped(value) ? `${scheme}${space}${mask}` : `${scheme}${space}\u0000${value}`,
    );
    if (next === out) break;
    out = next;
  }
  return out
    .replace(/\u0000/g, '')
    .replace(PAIR, (whole, name: string, sep: string, value: string) => (value === mask ? whole : `${name}${sep}${mask}`))
    .replace(LONG_RANDOM, (value) => (isRandomLooking(value) ? mask : value))
    .replace(/"[^"]*"(?= is an invalid header)/g, `"${mask}"`);
}

/** After an auth scheme: six or more token characters that are not simply a word. */
function isCredentialShaped(value: string): boolean {
  if (value.length < 6 || !/[A-Za-z0-9]/.test(value)) return false;
  return value.length > 24 || !WORD.test(value);
}

function isRandomLooking(value: string): boolean {
  if (UUID.test(value)) return false;
  // Paths and prose joined by `-`/`_` are letters only; keys mix in digits.
  return /\d/.test(value) && /[A-Za-z]/.test(value);
}
