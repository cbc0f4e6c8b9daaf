/**
 * Whether this platform can put a Cookie header on a request. Its own module: the validation of
 * every call asks it (browsers supply cookies from their jar), while the cookie serializer itself
 * comes only with the operations that declare cookie parameters.
 */
let sendable: boolean | undefined;

/**
 * Whether this platform's `Request` keeps a Cookie header: browsers drop it (a forbidden header
 * name), Node's undici and React Native keep it. Asked once, on first use, not at import.
 */
export function platformSendsCookies(): boolean {
  if (sendable === undefined) {
    try {
      sendable = typeof Request === 'undefined' || new Request('http://localhost/', { headers: { cookie: 'a=b' } }).headers.has('cookie');
    } catch {
      sendable = false;
    }
  }
  return sendable;
}
