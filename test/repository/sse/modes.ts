/**
 * Each stream mode as a Node test can run it against test/server: 'fetch' as is, 'xhr' over the
 * minimal loopback XMLHttpRequest (mini-xhr.ts, installed as the global for the test), 'poll'
 * over a fetch that hides `body` (a buffering platform fetch, so the whole answer is read at
 * once). `restore()` puts the global back and closes what the simulation kept open.
 */
import type { PlatformFetch, SdkOptions } from '../../../generated/v1/index.js';
import { MiniXhr } from './mini-xhr.js';

export type WireMode = 'fetch' | 'xhr' | 'poll';

/** One mode's SDK options, and how to undo its setup. */
export interface ModeRig {
  readonly mode: WireMode;
  readonly sdkOptions: Partial<SdkOptions>;
  restore(): void;
}

export const MODES: readonly WireMode[] = ['fetch', 'xhr', 'poll'];

/** Sets up `mode` (the stream must still be opened with `{ mode }`). */
export function rig(mode: WireMode): ModeRig {
  if (mode === 'xhr') {
    const global = globalThis as { XMLHttpRequest?: unknown };
    const before = global.XMLHttpRequest;
    global.XMLHttpRequest = MiniXhr;
    MiniXhr.made.length = 0;
    return {
      mode,
      sdkOptions: {},
      restore() {
        global.XMLHttpRequest = before;
        for (const xhr of MiniXhr.made) xhr.abort();
      },
    };
  }
  if (mode === 'poll') {
    // The stream cannot reach the hidden body to close it, so each request gets its own
    // controller here, aborted on restore (a real buffering fetch has nothing left open).
    const controllers: AbortController[] = [];
    const fetchWithoutBody: PlatformFetch = async (request) => {
      const controller = new AbortController();
      controllers.push(controller);
      const real = await fetch(request, { signal: controller.signal });
      return new Proxy(real, {
        get(target, key) {
          if (key === 'body') return null;
          const value: unknown = Reflect.get(target, key, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    };
    return {
      mode,
      sdkOptions: { fetch: fetchWithoutBody },
      restore() {
        for (const controller of controllers) controller.abort();
      },
    };
  }
  return { mode, sdkOptions: {}, restore() {} };
}
