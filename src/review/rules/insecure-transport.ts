/** Plain-http servers or base URL: tokens and personal data cross the network readable by anyone on the path. */
import type { GlobalHit, Rule } from '../rule.js';

// The runtime's https guard exempts these too: a loopback server never leaves the device.
const LOOPBACK = /^http:\/\/(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?(?:\/|$)/i;

/** Whether a URL is plain http to a host other than loopback. */
export function isExposedUrl(url: string): boolean {
  return /^http:\/\//i.test(url) && !LOOPBACK.test(url);
}

export const insecureTransport: Rule = {
  id: 'insecure-transport',
  title: 'Plain-http transport',
  problem: 'requests, bearer tokens and personal data travel unencrypted (public Wi-Fi, carrier proxies can read and change them)',
  rationale:
    'Phones join networks nobody controls. Over http a passive listener reads tokens and a captive portal or proxy can rewrite answers; iOS ATS and Android cleartext rules block it in release builds anyway.',
  fix: 'Serve the API over https only (TLS 1.2+, HSTS) and list only https servers in the spec; keep http for loopback development servers, and drop `allowInsecureHttp` from production options.',
  severity: 'high',
  fixScope: 'server',
  verdicts: ['dataInTransit'],
  check(input) {
    const global: GlobalHit[] = [];
    for (const server of input.servers ?? []) {
      if (isExposedUrl(server.url)) global.push({ description: `server ${server.url} is plain http`, pointers: [server.pointer] });
    }
    const baseUrl = input.options?.baseUrl;
    if (baseUrl !== undefined && isExposedUrl(baseUrl)) {
      global.push({ description: `the app's baseUrl ${baseUrl} is plain http (allowInsecureHttp)`, pointers: ['options.baseUrl'] });
    }
    const unknown = input.servers === undefined && baseUrl === undefined;
    return { global, notAssessed: unknown ? [{ what: 'data in transit', why: 'neither the spec servers nor a baseUrl are known' }] : [] };
  },
};
