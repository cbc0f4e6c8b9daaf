/**
 * Serves each API version under its prefix: `/v1/…` and `/v2/…` go to that version's app with
 * the prefix stripped; everything else goes to v1, so URLs without a prefix (every test written
 * before v2, the control and echo routes) keep working.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from './app.js';

/** One app answering for every version. */
export function versionedApp(apps: { v1: App; v2: App }): App {
  return {
    handle(req: IncomingMessage, res: ServerResponse) {
      const match = /^\/(v1|v2)(?=\/|\?|$)/.exec(req.url ?? '/');
      if (!match) return apps.v1.handle(req, res);
      req.url = req.url!.slice(match[0].length) || '/';
      apps[match[1] as 'v1' | 'v2'].handle(req, res);
    },
    releaseHung() {
      apps.v1.releaseHung();
      apps.v2.releaseHung();
    },
  };
}
